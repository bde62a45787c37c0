package io.qiyue.signing.web;

import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.web.PageController;
import io.qiyue.signing.Signings;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.stream.Collectors;

/** The verification page: anyone signed in drops a PDF and learns whether it is an unaltered signed original. */
@PageController
class VerificationPages {
    private final Signings signings;
    private final MessageSource messages;

    VerificationPages(Signings signings, MessageSource messages) {
        this.signings = signings;
        this.messages = messages;
    }

    @GetMapping("/verify")
    String page() {
        return "signing/verify";
    }

    @PostMapping("/verify")
    String verify(@RequestParam(value = "file", required = false) MultipartFile file, HttpServletResponse response,
                  Model model) throws IOException {
        try {
            model.addAttribute("result", signings.verify(file == null || file.isEmpty() ? null : file.getBytes()));
            model.addAttribute("fileName", file.getOriginalFilename());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.violations().stream()
                    .map(v -> messages.getMessage(v.code(), v.args().toArray(), v.code(), LocaleContextHolder.getLocale()))
                    .collect(Collectors.joining(" ")));
        }
        return "signing/verify";
    }
}
