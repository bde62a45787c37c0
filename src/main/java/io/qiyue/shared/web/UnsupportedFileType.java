package io.qiyue.shared.web;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;

import java.util.List;

/**
 * An uploaded file (a multipart part) of a kind the endpoint does not take: 415 as for any unsupported body, but
 * naming the part's field, the file and the kinds taken ("只接受 PDF、DOCX"), rather than a media type the request
 * as a whole did not have (outside tester: "请求缺少内容类型" for a part sent without one).
 */
public class UnsupportedFileType extends HttpMediaTypeNotSupportedException {
    private final String field;
    private final String fileName;
    private final String accepted;

    /** {@code accepted}: the kinds taken, as a reader names them (PDF、DOCX). */
    public UnsupportedFileType(String field, String fileName, String accepted, List<MediaType> supported) {
        super((MediaType) null, supported);
        this.field = field;
        this.fileName = fileName == null ? "" : fileName;
        this.accepted = accepted;
    }

    public String field() {
        return field;
    }

    public String fileName() {
        return fileName;
    }

    public String accepted() {
        return accepted;
    }
}
