package io.qiyue.signing.web;

import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.PageController;
import io.qiyue.signing.Seal;
import io.qiyue.signing.SealKind;
import io.qiyue.signing.SealUse;
import io.qiyue.signing.Seals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The seals of one of our entities, linked from the list of our entities. Everyone signed in sees the seals
 * read-only (image, kind, name, whether active, who may use them): a signatory should recognise the seals that
 * will be put on contracts and know whether they may use one. Admins also upload, choose the users,
 * deactivate, and see the use log, which names contracts of every owner and so stays with them.
 * Problems of a form come back beside that form after a redirect, never as an error page.
 */
@PageController
class SealPages {
    /** How many uses of each seal the page shows; the API lists them all. */
    static final int USES_SHOWN = 50;

    private final Seals seals;
    private final OurEntities ourEntities;
    private final UserAdministration users;
    private final MessageSource messages;

    SealPages(Seals seals, OurEntities ourEntities, UserAdministration users, MessageSource messages) {
        this.seals = seals;
        this.ourEntities = ourEntities;
        this.users = users;
        this.messages = messages;
    }

    /** One seal as the page shows it, with the newest uses and how many there are in all (admins only). */
    record SealRow(Seal seal, List<SealUse> uses, long useCount) {
    }

    @GetMapping("/our-entities/{id}/seals")
    String page(@PathVariable String id, Model model) {
        var entity = ourEntities.get(id);
        boolean admin = CurrentUsers.require().isAdmin();
        var rows = seals.list(id).stream().map(s -> {
            if (!admin) {
                return new SealRow(s, List.of(), 0);
            }
            var uses = seals.uses(s.id(), 0, USES_SHOWN, null);
            return new SealRow(s, uses.items(), uses.total());
        }).toList();
        model.addAttribute("entity", entity);
        model.addAttribute("rows", rows);
        model.addAttribute("kinds", SealKind.values());
        // who uploaded and who used each seal, by the names people know them by
        var usernames = new java.util.HashSet<String>();
        rows.forEach(r -> {
            usernames.add(r.seal().createdBy());
            r.uses().forEach(u -> usernames.add(u.username()));
        });
        model.addAttribute("names", users.displayNames(usernames));
        if (admin) {
            model.addAttribute("allUsers", users.list(null, null, 0, 200, "username,asc").items().stream()
                    .filter(User::enabled).toList());
        }
        return "seals/list";
    }

    @PostMapping("/our-entities/{id}/seals")
    String upload(@PathVariable String id, @RequestParam(value = "file", required = false) MultipartFile file,
                  @RequestParam(value = "kind", required = false) String kind,
                  @RequestParam(value = "name", required = false) String name,
                  @RequestParam(value = "users", required = false) List<String> usernames,
                  RedirectAttributes redirect) throws IOException {
        requireAdmin();
        ourEntities.get(id); // a 404 page for an entity that does not exist
        try {
            byte[] content = file == null || file.isEmpty() ? null : file.getBytes();
            seals.upload(id, kind, name, usernames, content, file == null ? null : file.getOriginalFilename());
            redirect.addFlashAttribute("notice", "seal.uploaded");
            return "redirect:/our-entities/" + id + "/seals";
        } catch (InvalidInputException e) {
            var errors = new LinkedHashMap<String, String>();
            e.violations().forEach(v -> errors.merge(v.field().startsWith("users") ? "users" : v.field(),
                    message(v.code(), v.args().toArray()), (a, b) -> a + " " + b));
            redirect.addFlashAttribute("uploadErrors", errors);
            redirect.addFlashAttribute("uploadKind", kind);
            redirect.addFlashAttribute("uploadName", name);
            redirect.addFlashAttribute("uploadUsers", usernames == null ? List.of() : usernames);
            return "redirect:/our-entities/" + id + "/seals#upload";
        }
    }

    @PostMapping("/seals/{id}/users")
    String changeUsers(@PathVariable String id, @RequestParam(value = "users", required = false) List<String> usernames,
                       @RequestParam(value = "version", required = false) Integer version, RedirectAttributes redirect) {
        requireAdmin();
        var seal = seals.get(id);
        try {
            seals.changeUsers(id, version == null ? -1 : version, usernames == null ? List.of() : usernames);
            redirect.addFlashAttribute("notice", "seal.usersSaved");
        } catch (InvalidInputException e) {
            sealError(redirect, id, String.join(" ", e.violations().stream()
                    .map(v -> message(v.code(), v.args().toArray())).toList()));
        } catch (PreconditionFailedException e) {
            sealError(redirect, id, message("seal.stale"));
        }
        return "redirect:/our-entities/" + seal.ourEntityId() + "/seals#seal-" + id;
    }

    @PostMapping("/seals/{id}/deactivate")
    String deactivate(@PathVariable String id, @RequestParam(value = "version", required = false) Integer version,
                      RedirectAttributes redirect) {
        requireAdmin();
        var seal = seals.get(id);
        try {
            seals.deactivate(id, version);
            redirect.addFlashAttribute("notice", "seal.deactivated");
        } catch (PreconditionFailedException e) {
            sealError(redirect, id, message("seal.stale"));
        }
        return "redirect:/our-entities/" + seal.ourEntityId() + "/seals#seal-" + id;
    }

    /** The image for the page's thumbnails: the API's {@code /api/v1/seals/{id}/image} takes no session. */
    @GetMapping("/seals/{id}/image")
    ResponseEntity<byte[]> image(@PathVariable String id) {
        var seal = seals.get(id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate())
                .eTag("\"" + seal.sha256() + "\"")
                .body(seals.image(id));
    }

    private static void sealError(RedirectAttributes redirect, String sealId, String message) {
        redirect.addFlashAttribute("sealError", Map.of("id", sealId, "message", message));
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }

    /** The service refuses anyway; refusing here first keeps a non-admin's upload from being read and checked. */
    private static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}
