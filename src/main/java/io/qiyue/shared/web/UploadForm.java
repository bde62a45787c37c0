package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The UI's upload form (contract page, 上传对方文本) when its multipart body is refused before the controller
 * runs (too large, cut off): the browser goes back to the form with the message beside it, as for any other
 * problem of the file, instead of an error page or JSON.
 */
final class UploadForm {
    private static final Pattern UPLOAD_PAGE = Pattern.compile("/contracts/([0-9a-fA-F-]{1,36})/versions/upload");

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
        var page = UPLOAD_PAGE.matcher(uri);
        if (!page.matches()) {
            return null;
        }
        String contract = "/contracts/" + page.group(1);
        var flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("uploadError", message);
        flash.setTargetRequestPath(contract);
        var manager = RequestContextUtils.getFlashMapManager(request);
        if (manager != null) {
            manager.saveOutputFlashMap(flash, request, response);
        }
        return contract + "#versions";
    }
}
