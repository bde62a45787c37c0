package io.qiyue.security.web;

import io.qiyue.security.AccountSessions;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.Team;
import io.qiyue.security.TeamInput;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.security.UserInput;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Users and teams, for admins (the security filter chain restricts /admin/** to ROLE_ADMIN). */
@PageController
@RequestMapping("/admin")
class AdminPages {
    private final UserAdministration administration;
    private final Validator validator;
    private final AccountSessions sessions;

    AdminPages(UserAdministration administration, Validator validator, AccountSessions sessions) {
        this.administration = administration;
        this.validator = validator;
        this.sessions = sessions;
    }

    /** The user form; field names equal those of {@link UserInput}. */
    static class UserForm {
        public String username;
        public String displayName;
        public String email;
        public Set<Role> roles = new LinkedHashSet<>();
        public String teamId;
        public boolean enabled = true;
        public String password;
        public Integer version;

        static UserForm of(User user) {
            var form = new UserForm();
            form.username = user.username();
            form.displayName = user.displayName();
            form.email = user.email();
            form.roles = new LinkedHashSet<>(user.roles());
            form.teamId = user.teamId();
            form.enabled = user.enabled();
            form.version = user.version();
            return form;
        }

        UserInput toInput() {
            return new UserInput(Text.blankToNull(username), Text.blankToNull(displayName), Text.blankToNull(email), roles == null ? Set.of() : roles,
                    Text.blankToNull(teamId), enabled, password == null || password.isEmpty() ? null : password);
        }
    }

    static class TeamForm {
        public String name;
        public String managerId;
        public Integer version;

        TeamInput toInput() {
            return new TeamInput(Text.blankToNull(name), Text.blankToNull(managerId));
        }
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/users")
    String users(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
                 @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        model.addAttribute("links", PageLinks.of("/admin/users", request));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("users", administration.list(q, role, page, 20, null));
        model.addAttribute("teamNames", teamNames());
        model.addAttribute("allRoles", Role.values());
        return "admin/users";
    }

    @GetMapping("/users/new")
    String newUser(Model model) {
        var form = new UserForm();
        form.roles = EnumSet.of(Role.SALES);
        Forms.show(model, form);
        return userForm(model, null);
    }

    @GetMapping("/users/{id}/edit")
    String editUser(@PathVariable String id, Model model) {
        Forms.show(model, UserForm.of(administration.get(id)));
        return userForm(model, id);
    }

    @PostMapping("/users")
    String createUser(@ModelAttribute(Forms.FORM) UserForm form, BindingResult result, Model model,
                      RedirectAttributes redirect) {
        return saveUser(null, form, result, model, redirect);
    }

    @PostMapping("/users/{id}")
    String updateUser(@PathVariable String id, @ModelAttribute(Forms.FORM) UserForm form, BindingResult result,
                      Model model, RedirectAttributes redirect, HttpServletRequest request,
                      HttpServletResponse response) {
        String view = saveUser(id, form, result, model, redirect);
        if (!result.hasErrors() && CurrentUsers.current().map(me -> me.id().equals(id)).orElse(false)) {
            // an admin who set their own password here goes on in this session, as on the account page
            sessions.keepCurrent(request, response);
        }
        return view;
    }

    private String saveUser(String id, UserForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        // every problem at once: what could not be bound, the fields' constraints and the service's own checks
        var input = form.toInput();
        var unreadable = result.getFieldErrors().stream().map(e -> e.getField()).toList();
        var violations = new java.util.ArrayList<>(Forms.validate(validator, input));
        administration.problems(id, input).stream()
                .filter(v -> violations.stream().noneMatch(w -> w.field().equals(v.field())))
                .forEach(violations::add);
        violations.removeIf(v -> unreadable.contains(v.field()));
        if (result.hasErrors() || !violations.isEmpty()) {
            Forms.reject(result, violations);
            return userForm(model, id);
        }
        try {
            if (id == null) {
                administration.create(input);
            } else {
                administration.update(id, form.version == null ? -1 : form.version, input);
            }
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return userForm(model, id);
        } catch (ConflictException e) {
            Forms.reject(result, e.code(), e.args().toArray());
            return userForm(model, id);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = administration.get(id).version();
            return userForm(model, id);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/users";
    }

    private String userForm(Model model, String id) {
        model.addAttribute("userId", id);
        model.addAttribute("requiredFields", id == null ? List.of("username", "displayName", "password")
                : List.of("displayName"));
        model.addAttribute("teams", administration.teams());
        model.addAttribute("allRoles", Role.values());
        return "admin/user-form";
    }

    @GetMapping("/teams")
    String teams(Model model) {
        model.addAttribute("teams", administration.teams());
        model.addAttribute("userNames", administration.list(null, null, 0, 200, null).items().stream()
                .collect(Collectors.toMap(User::id, User::displayName)));
        return "admin/teams";
    }

    @GetMapping("/teams/new")
    String newTeam(Model model) {
        Forms.show(model, new TeamForm());
        return teamForm(model, null);
    }

    @GetMapping("/teams/{id}/edit")
    String editTeam(@PathVariable String id, Model model) {
        Team team = administration.team(id);
        var form = new TeamForm();
        form.name = team.name();
        form.managerId = team.managerId();
        form.version = team.version();
        Forms.show(model, form);
        return teamForm(model, id);
    }

    @PostMapping("/teams")
    String createTeam(@ModelAttribute(Forms.FORM) TeamForm form, BindingResult result, Model model,
                      RedirectAttributes redirect) {
        return saveTeam(null, form, result, model, redirect);
    }

    @PostMapping("/teams/{id}")
    String updateTeam(@PathVariable String id, @ModelAttribute(Forms.FORM) TeamForm form, BindingResult result,
                      Model model, RedirectAttributes redirect) {
        return saveTeam(id, form, result, model, redirect);
    }

    private String saveTeam(String id, TeamForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return teamForm(model, id);
        }
        var input = form.toInput();
        var violations = Forms.validate(validator, input);
        if (!violations.isEmpty()) {
            Forms.reject(result, violations);
            return teamForm(model, id);
        }
        try {
            if (id == null) {
                administration.createTeam(input);
            } else {
                administration.updateTeam(id, form.version == null ? -1 : form.version, input);
            }
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return teamForm(model, id);
        } catch (ConflictException e) {
            Forms.reject(result, e.code(), e.args().toArray());
            return teamForm(model, id);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = administration.team(id).version();
            return teamForm(model, id);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/teams";
    }

    private String teamForm(Model model, String id) {
        model.addAttribute("teamId", id);
        model.addAttribute("users", administration.list(null, null, 0, 200, null).items());
        return "admin/team-form";
    }

    private Map<String, String> teamNames() {
        return administration.teams().stream().collect(Collectors.toMap(Team::id, Team::name));
    }
}
