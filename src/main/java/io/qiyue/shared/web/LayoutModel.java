package io.qiyue.shared.web;

import org.springframework.web.servlet.ModelAndView;

/**
 * What the layout of every page reads beside the page's own data: the signed-in user and what they may do, for the
 * navigation. Page controllers get it from their model advice; an error page is made outside any controller's
 * model, and without it showed no navigation to go on from.
 */
public interface LayoutModel {
    void addTo(ModelAndView view);

    /** The error page ({@code error.html}) with the status and the sentence to show, with the layout's model. */
    static ModelAndView errorPage(org.springframework.http.HttpStatusCode status, String detail,
                                  org.springframework.beans.factory.ObjectProvider<LayoutModel> layout) {
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        layout.orderedStream().forEach(model -> model.addTo(page));
        return page;
    }
}
