package io.qiyue.signing.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customers;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.PreconditionRequiredException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.web.PageController;
import io.qiyue.signing.Seal;
import io.qiyue.signing.Seals;
import io.qiyue.signing.SigningOrder;
import io.qiyue.signing.SigningPlan;
import io.qiyue.signing.Signings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The signing page of a contract ({@code /contracts/{id}/sign}): who signs in which order, the round's state and
 * files, our signatory's signature with intent confirmation, paper signing, and the signatures' validity. Every
 * form answers with the page again, errors beside the form it belongs to.
 */
@PageController
class SigningPages {
    private final Signings signings;
    private final Contracts contracts;
    private final Customers customers;
    private final UserAdministration users;
    private final Seals seals;
    private final MessageSource messages;
    private final io.qiyue.template.ContractDocuments contractDocuments;
    private final io.qiyue.shared.OutgoingMail mail;

    SigningPages(Signings signings, Contracts contracts, Customers customers, UserAdministration users, Seals seals,
                 MessageSource messages, io.qiyue.template.ContractDocuments contractDocuments,
                 io.qiyue.shared.OutgoingMail mail) {
        this.contractDocuments = contractDocuments;
        this.mail = mail;
        this.signings = signings;
        this.contracts = contracts;
        this.customers = customers;
        this.users = users;
        this.seals = seals;
        this.messages = messages;
    }

    /** The contracts waiting for the caller's signature now. */
    @GetMapping("/signing")
    String waiting(Model model) {
        model.addAttribute("contracts", signings.waitingForMe().stream().map(contracts::get).toList());
        return "signing/waiting";
    }

    @GetMapping("/contracts/{id}/sign")
    String page(@PathVariable String id, Model model) {
        Contract contract = contracts.get(id);
        boolean mayChange = contracts.mayChange(contract);
        var status = signings.status(id);
        model.addAttribute("contract", contract);
        model.addAttribute("mayChange", mayChange);
        // the customer's link and code go by e-mail: without a mail server nobody receives them (outside tester)
        model.addAttribute("mailUnavailable", !mail.configured());
        model.addAttribute("status", status.orElse(null));
        model.addAttribute("plan", signings.plan(id));
        model.addAttribute("mySigner", signings.mySignerNow(id).orElse(null));
        model.addAttribute("signatures", status.isPresent() ? signings.signatures(id) : List.of());
        boolean signedAnyone = status.map(s -> s.signers().stream()
                .anyMatch(x -> x.status() == io.qiyue.signing.SignerStatus.SIGNED)).orElse(false);
        // a side someone has signed for keeps its signers; the other side's may still change (Signings.setPlan)
        boolean oursSettled = signedFor(status, io.qiyue.signing.SignerSide.OURS);
        boolean theirsSettled = signedFor(status, io.qiyue.signing.SignerSide.THEIRS);
        model.addAttribute("oursSettled", oursSettled);
        model.addAttribute("theirsSettled", theirsSettled);
        boolean roundOpen = status.map(s -> s.status().open()).orElse(false);
        model.addAttribute("planEditable", mayChange && !(oursSettled && theirsSettled) && (roundOpen
                || contract.status() == ContractStatus.DRAFT || contract.status() == ContractStatus.IN_APPROVAL
                || contract.status() == ContractStatus.APPROVED));
        model.addAttribute("paperAllowed", mayChange && roundOpen && !signedAnyone);
        model.addAttribute("orders", SigningOrder.values());
        if (mayChange) {
            var plan = signings.plan(id);
            if (!model.containsAttribute("planUsernames")) {
                model.addAttribute("planUsernames", String.join(", ", plan.ours().stream()
                        .map(o -> usernameOf(o.userId())).toList()));
            }
            model.addAttribute("candidates", users.list(null, null, 0, 100, "username,asc").items().stream()
                    .filter(User::enabled).toList());
            model.addAttribute("contacts", customers.findVisible(contract.customerId())
                    .map(c -> c.contacts()).orElse(List.<Contact>of()));
        }
        String me = CurrentUsers.require().username();
        List<Seal> usable = contract.ourEntityId() == null ? List.of() : seals.usableBy(me, contract.ourEntityId());
        model.addAttribute("usableSeals", usable);
        model.addAttribute("filesWithheld", !contractDocuments.mayHaveKeptFiles(id));
        // the company has seals, none of them for this user: signing is refused (as Signings does), not name-stamped
        model.addAttribute("sealsWithheld", usable.isEmpty() && contract.ourEntityId() != null
                && seals.list(contract.ourEntityId()).stream().anyMatch(Seal::active));
        if (!model.containsAttribute("colleagues")) {
            // those the plan and a forwarding would accept: not read-only, and allowed a seal where the company has
            // seals (the list offered viewers and colleagues without seals, each then refused)
            boolean sealed = contract.ourEntityId() != null
                    && seals.list(contract.ourEntityId()).stream().anyMatch(Seal::active);
            model.addAttribute("colleagues", users.list(null, null, 0, 100, "username,asc").items().stream()
                    .filter(User::enabled).filter(u -> !u.username().equals(me)).filter(u -> !u.readOnly())
                    .filter(u -> !sealed || !seals.usableBy(u.username(), contract.ourEntityId()).isEmpty())
                    .toList());
        }
        return "signing/page";
    }

    @PostMapping("/contracts/{id}/sign/plan")
    String plan(@PathVariable String id, @RequestParam(required = false) String order,
                @RequestParam(required = false) String ours, @RequestParam(required = false) List<String> theirs,
                @RequestParam(required = false) String oursRequired,
                @RequestParam(required = false) String theirsRequired,
                @RequestParam(required = false) String allowForward,
                @RequestParam(required = false) String expiresInDays, @RequestParam(required = false) String version,
                HttpServletResponse response, Model model) {
        try {
            var input = new SigningPlan.SignersInput(order(order), ourSigners(ours),
                    (theirs == null ? List.<String>of() : theirs).stream().filter(s -> !s.isBlank())
                            .map(SigningPlan.TheirSigner::new).toList(),
                    number(oursRequired, "oursRequired"), number(theirsRequired, "theirsRequired"),
                    allowForward != null, number(expiresInDays, "expiresInDays"));
            signings.setPlan(id, number(version, "version") == null || number(version, "version") == 0 ? null
                    : number(version, "version"), input);
        } catch (QiyueException e) {
            model.addAttribute("planUsernames", ours == null ? "" : ours);
            return refused(id, "plan", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?saved#signers";
    }

    @PostMapping("/contracts/{id}/sign/code")
    String code(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            signings.sendOurCode(id, SigningApi.client(request));
        } catch (QiyueException e) {
            return refused(id, "sign", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?codeSent#my-signature";
    }

    @PostMapping("/contracts/{id}/sign/confirm")
    String sign(@PathVariable String id, @RequestParam(required = false) String password,
                @RequestParam(required = false) String code, @RequestParam(required = false) String sealId,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            signings.signAsUs(id, new Signings.OurSignature(password, code, sealId), SigningApi.client(request));
        } catch (QiyueException e) {
            return refused(id, "sign", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?signed";
    }

    @PostMapping("/contracts/{id}/sign/forward")
    String forward(@PathVariable String id, @RequestParam(required = false) String userId, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        try {
            signings.forwardOurs(id, userId, SigningApi.client(request));
        } catch (QiyueException e) {
            return refused(id, "forward", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?forwarded";
    }

    @PostMapping("/contracts/{id}/sign/reissue/{signerId}")
    String reissue(@PathVariable String id, @PathVariable String signerId, HttpServletResponse response, Model model) {
        try {
            signings.reissue(id, signerId);
        } catch (QiyueException e) {
            return refused(id, "signers", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?reissued#signers";
    }

    @PostMapping("/contracts/{id}/sign/paper")
    String paper(@PathVariable String id, @RequestParam(value = "file", required = false) MultipartFile file,
                 @RequestParam(required = false) String signingDate,
                 @RequestParam(required = false) String acknowledgeChangedParticulars, HttpServletResponse response,
                 Model model)
            throws IOException {
        try {
            signings.paperSigned(id, file == null || file.isEmpty() ? null : file.getBytes(),
                    file == null ? null : file.getOriginalFilename(),
                    io.qiyue.shared.web.Forms.date("signingDate", signingDate),
                    acknowledgeChangedParticulars != null);
        } catch (QiyueException e) {
            model.addAttribute("paperDate", signingDate);
            return refused(id, "paper", e, response, model);
        }
        return "redirect:/contracts/" + id + "/sign?paper";
    }

    /** The round's files for the browser: frozen, current, signed, the evidence report. */
    @GetMapping("/contracts/{id}/sign/file/{which}")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String which) {
        if ("evidence".equals(which)) {
            byte[] pdf = signings.evidence(id, LocaleContextHolder.getLocale());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("evidence-" + contracts.get(id).number() + ".pdf", StandardCharsets.UTF_8)
                            .build().toString())
                    .body(pdf);
        }
        return SigningApi.download(switch (which) {
            case "signed" -> signings.signedDocument(id);
            case "current" -> signings.frozenDocument(id, true);
            case "frozen" -> signings.frozenDocument(id, false);
            default -> throw new io.qiyue.shared.NotFoundException("qiyue.problem.not-found", "file", which);
        });
    }

    private String refused(String id, String form, QiyueException e, HttpServletResponse response, Model model) {
        if (e instanceof ForbiddenException forbidden) {
            throw forbidden;
        }
        var errors = new LinkedHashMap<String, String>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(), message(v.code(), v.args().toArray()),
                    (a, b) -> a + " " + b));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        } else {
            errors.put("form", message(e.code(), e.args().toArray()));
            response.setStatus(e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT
                    : e instanceof PreconditionFailedException || e instanceof PreconditionRequiredException
                    ? HttpServletResponse.SC_PRECONDITION_FAILED : HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("errorForm", form);
        model.addAttribute("errorSummary", String.join(" ", new ArrayList<>(errors.values())));
        return page(id, model);
    }

    /** Our signers as typed: user names separated by commas or spaces; an unknown name is named in the error. */
    private List<SigningPlan.OurSigner> ourSigners(String typed) {
        var signers = new ArrayList<SigningPlan.OurSigner>();
        if (typed == null) {
            return signers;
        }
        for (String name : typed.split("[,，;；\\s]+")) {
            if (!name.isBlank()) {
                signers.add(new SigningPlan.OurSigner(users.findByUsername(name.strip()).map(User::id)
                        .orElse(name.strip())));
            }
        }
        return signers;
    }

    private String usernameOf(String userId) {
        try {
            return users.get(userId).username();
        } catch (io.qiyue.shared.NotFoundException gone) {
            return userId;
        }
    }

    private static SigningOrder order(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SigningOrder.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("order", "qiyue.signing.order-unknown");
        }
    }

    private static Integer number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "qiyue.signing.integer");
        }
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }

    private static boolean signedFor(Optional<io.qiyue.signing.SigningStatus> status, io.qiyue.signing.SignerSide side) {
        return status.map(s -> s.signers().stream().anyMatch(x -> x.side() == side
                && x.status() == io.qiyue.signing.SignerStatus.SIGNED)).orElse(false);
    }
}
