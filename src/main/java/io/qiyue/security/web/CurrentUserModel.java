package io.qiyue.security.web;

import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.Permission;
import io.qiyue.security.Role;
import io.qiyue.security.ScopedResource;
import io.qiyue.shared.web.LayoutModel;
import io.qiyue.shared.web.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every UI page the signed-in user as {@code me}, for the navbar and role-dependent links, and whether
 * they may create customers and contracts, so that pages offer "new" only to those whose save would succeed.
 */
@ControllerAdvice(annotations = PageController.class)
class CurrentUserModel implements LayoutModel {
    private final DataScopes scopes;

    CurrentUserModel(DataScopes scopes) {
        this.scopes = scopes;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return CurrentUsers.current().orElse(null);
    }

    @ModelAttribute("mayCreateCustomers")
    boolean mayCreateCustomers() {
        return CurrentUsers.current().map(u -> scopes.mayCreate(u, ScopedResource.CUSTOMER)).orElse(false);
    }

    @ModelAttribute("mayManageTemplates")
    boolean mayManageTemplates() {
        return CurrentUsers.current().map(u -> u.may(Permission.MANAGE_TEMPLATES)).orElse(false);
    }

    /** Legal's queue is in everyone's reach (scoped like every list), in the menu of those whose work it is. */
    @ModelAttribute("showsReviewQueue")
    boolean showsReviewQueue() {
        return CurrentUsers.current().map(u -> u.has(Role.LEGAL) || u.isAdmin()).orElse(false);
    }

    @ModelAttribute("mayCreateContracts")
    boolean mayCreateContracts() {
        return CurrentUsers.current().map(u -> scopes.mayCreate(u, ScopedResource.CONTRACT)).orElse(false);
    }

    /** The same for an error page, which no page controller's model advice reaches. */
    @Override
    public void addTo(org.springframework.web.servlet.ModelAndView view) {
        view.addObject("me", me());
        view.addObject("mayCreateCustomers", mayCreateCustomers());
        view.addObject("mayManageTemplates", mayManageTemplates());
        view.addObject("showsReviewQueue", showsReviewQueue());
        view.addObject("mayCreateContracts", mayCreateContracts());
    }
}
