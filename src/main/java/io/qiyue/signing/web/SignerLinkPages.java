package io.qiyue.signing.web;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.signing.SignerLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer's signing page ({@code /s/{token}}): read the PDF, get a code, type the name, choose the seal
 * (an uploaded image or a name stamp), sign — or decline with a reason, or forward to a colleague when allowed.
 * Every token that opens nothing now gets the same 404 page.
 */
@io.qiyue.shared.web.PageController
class SignerLinkPages {
    private static final long MAX_SEAL_UPLOAD = 2L * 1024 * 1024;

    private final SignerLinks links;
    private final MessageSource messages;

    SignerLinkPages(SignerLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "signing/link-not-found";
    }

    @GetMapping("/s/{token}")
    String page(@PathVariable String token, HttpServletRequest request, Model model) {
        model.addAttribute("view", links.view(token, SigningApi.client(request)));
        model.addAttribute("token", token);
        return "signing/signer";
    }

    @GetMapping("/s/{token}/document")
    ResponseEntity<byte[]> document(@PathVariable String token, HttpServletRequest request) {
        var file = links.document(token, SigningApi.client(request));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    @PostMapping("/s/{token}/code")
    String code(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            links.sendCode(token, SigningApi.client(request));
        } catch (ConflictException e) {
            return refused(token, request, response, model, Map.of("form", message(e.code(), e.args().toArray())),
                    null, "sign");
        }
        return "redirect:/s/" + token + "?codeSent#sign";
    }

    @PostMapping("/s/{token}/sign")
    String sign(@PathVariable String token, @RequestParam(required = false) String code,
                @RequestParam(required = false) String typedName,
                @RequestParam(value = "sealImage", required = false) MultipartFile sealImage,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        byte[] seal = null;
        if (sealImage != null && !sealImage.isEmpty()) {
            if (sealImage.getSize() > MAX_SEAL_UPLOAD) {
                return refused(token, request, response, model, Map.of("sealImage",
                        message("qiyue.signing.seal-too-large", 2)), typedName, "sign");
            }
            seal = sealImage.getBytes();
        }
        try {
            links.sign(token, new SignerLinks.TheirSignature(code, typedName, seal,
                    sealImage == null ? null : sealImage.getOriginalFilename()), SigningApi.client(request));
        } catch (InvalidInputException e) {
            var errors = new LinkedHashMap<String, String>();
            e.violations().forEach(v -> errors.merge(v.field(), message(v.code(), v.args().toArray()),
                    (a, b) -> a + " " + b));
            // a name typed otherwise is refused after the code was found right: that code is still good, and copying
            // it from the e-mail again was a chore (outside tester). Any other refusal comes before the code is
            // checked, so the code is not given back: a wrong one would cost an attempt when sent again. So is a
            // company's signature without its seal's image
            boolean codeWasRight = e.violations().stream().allMatch(v -> "qiyue.signing.typed-name-mismatch"
                    .equals(v.code()) || "qiyue.signing.company-seal-required".equals(v.code()));
            model.addAttribute("typedCode", codeWasRight ? code : null);
            return refused(token, request, response, model, errors, typedName, "sign");
        } catch (ConflictException e) {
            if ("qiyue.signing.locked".equals(e.code())) {
                // the third wrong code: the link opens nothing any more, and says why this once
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                model.addAttribute("reason", message(e.code()));
                return "signing/link-not-found";
            }
            return refused(token, request, response, model, Map.of("form", message(e.code(), e.args().toArray())),
                    typedName, "sign");
        }
        return outcome(model, "signed");
    }

    @PostMapping("/s/{token}/decline")
    String decline(@PathVariable String token, @RequestParam(required = false) String reason,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            links.decline(token, reason, SigningApi.client(request));
        } catch (InvalidInputException e) {
            model.addAttribute("declineReason", reason);
            var errors = new LinkedHashMap<String, String>();
            e.violations().forEach(v -> errors.put(v.field(), message(v.code(), v.args().toArray())));
            return refused(token, request, response, model, errors, null, "decline");
        }
        return outcome(model, "declined");
    }

    @PostMapping("/s/{token}/forward")
    String forward(@PathVariable String token, @RequestParam(required = false) String name,
                   @RequestParam(required = false) String email, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        try {
            links.forward(token, name, email, SigningApi.client(request));
        } catch (InvalidInputException e) {
            model.addAttribute("forwardName", name);
            model.addAttribute("forwardEmail", email);
            var errors = new LinkedHashMap<String, String>();
            e.violations().forEach(v -> errors.put(v.field(), message(v.code(), v.args().toArray())));
            return refused(token, request, response, model, errors, null, "forward");
        } catch (ConflictException e) {
            return refused(token, request, response, model, Map.of("form", message(e.code(), e.args().toArray())),
                    null, "forward");
        }
        return outcome(model, "forwarded");
    }

    private static String outcome(Model model, String outcome) {
        model.addAttribute("outcome", outcome);
        return "signing/outcome";
    }

    /** The page again with what was typed and the errors beside the fields (400, or 409 for a refused step). */
    private String refused(String token, HttpServletRequest request, HttpServletResponse response, Model model,
                           Map<String, String> errors, String typedName, String form) {
        response.setStatus(errors.containsKey("form") ? HttpServletResponse.SC_CONFLICT
                : HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errors", errors);
        model.addAttribute("errorForm", form);
        model.addAttribute("typedName", typedName);
        return page(token, request, model);
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }
}
