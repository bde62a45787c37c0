package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The UI's upload forms (contract page, 上传对方文本; the signing page's paper scan; 验签) when its multipart body is refused before the controller
 * runs (too large, cut off): the browser goes back to the form with the message beside it, as for any other
 * problem of the file, instead of an error page or JSON.
 */
final class UploadForm {
    private static final Pattern UPLOAD_PAGE = Pattern.compile("/contracts/([0-9a-fA-F-]{1,36})/versions/upload");
    private static final Pattern PAPER_PAGE = Pattern.compile("/contracts/([0-9a-fA-F-]{1,36})/sign/paper");
    private static final String VERIFY_PAGE = "/verify";

    private UploadForm() {
    }

    /** The page's answer: a 303 back to the upload form with {@code message} beside it, or null for other requests. */
    static org.springframework.web.servlet.ModelAndView redirectBack(String uri, HttpServletRequest request,
                                                                   HttpServletResponse response, String message) {
        String target = back(uri, request, response, message);
        if (target == null) {
            return null;
        }
        var redirect = new org.springframework.web.servlet.ModelAndView("redirect:" + target);
        redirect.setStatus(org.springframework.http.HttpStatus.SEE_OTHER);
        return redirect;
    }

    static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Puts {@code message} where the contract page shows upload errors and answers where to send the browser;
     * null when the request is not the upload form's.
     */
    static String back(HttpServletRequest request, HttpServletResponse response, String message) {
        return back(request.getRequestURI(), request, response, message);
    }

    /** As {@link #back(HttpServletRequest, HttpServletResponse, String)} for a request to {@code uri} (an error dispatch's original). */
    static String back(String uri, HttpServletRequest request, HttpServletResponse response, String message) {
        var flash = RequestContextUtils.getOutputFlashMap(request);
        String target;
        var page = UPLOAD_PAGE.matcher(uri);
        var paper = PAPER_PAGE.matcher(uri);
        if (page.matches()) {
            String contract = "/contracts/" + page.group(1);
            flash.put("uploadError", message);
            flash.setTargetRequestPath(contract);
            target = contract + "#versions";
        } else if (paper.matches()) {
            // the signing page's paper form: the message beside its file field, the form open
            String signing = "/contracts/" + paper.group(1) + "/sign";
            flash.put("errors", java.util.Map.of("file", message));
            flash.put("errorForm", "paper");
            flash.put("errorSummary", message);
            flash.setTargetRequestPath(signing);
            target = signing + "#paper";
        } else if (VERIFY_PAGE.equals(uri)) {
            flash.put("error", message);
            flash.setTargetRequestPath(VERIFY_PAGE);
            target = VERIFY_PAGE;
        } else {
            return null;
        }
        var manager = RequestContextUtils.getFlashMapManager(request);
        if (manager != null) {
            manager.saveOutputFlashMap(flash, request, response);
        }
        return target;
    }
}
