package io.qiyue.template;

/** Renders a template body against a model into a {@link RenderedDocument}. */
final class Renderer {
    private final TemplateEngine engine = new TemplateEngine();

    RenderedDocument render(String body, DocumentModel model, String templateId, int templateVersion) {
        String xhtml = engine.render(body, model);
        return new RenderedDocument(xhtml, Xhtml.parse(xhtml), model.number(), templateId, templateVersion);
    }
}
