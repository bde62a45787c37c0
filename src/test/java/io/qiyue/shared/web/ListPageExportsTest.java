package io.qiyue.shared.web;

import io.qiyue.shared.PageResult;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Any list as a file: every column of every list the API answers is headed in words, in both languages. */
class ListPageExportsTest {
    private static final ResourceBundleMessageSource MESSAGES = io.qiyue.testing.ShippedMessages.source();
    private static final ListPageExports EXPORTS = new ListPageExports(JsonMapper.builder().build(), MESSAGES,
            Clock.system(ZoneId.of("Asia/Shanghai")));

    /** Found by an outside tester: /contract-types headed its code column 验证码, and other lists wrote 'prefix'. */
    @Test
    void everyColumnOfEveryListIsLabelledInChineseAndEnglish() throws Exception {
        var lists = listTypes();
        assertThat(lists).as("the lists found").hasSizeGreaterThan(25)
                .containsKeys("SearchApi.search /api/v1/search", "ReviewSettingsApi.list /api/v1/reviews/settings");
        var unlabelled = new TreeSet<String>();
        for (var entry : lists.entrySet()) {
            var headers = new java.util.HashMap<String, String>();
            String list = ListPageExports.listName(entry.getKey().substring(entry.getKey().indexOf(' ') + 1));
            for (var column : EXPORTS.columnsOf(entry.getValue())) {
                String header = EXPORTS.header(list, column.name(), Locale.SIMPLIFIED_CHINESE);
                String other = headers.put(header, column.name());
                if (other != null) {
                    unlabelled.add(entry.getKey() + " › " + other + " and " + column.name() + " are both " + header);
                }
                for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                    String label = MESSAGES.getMessage("field.list." + column.name(), null,
                            MESSAGES.getMessage("field." + column.name(), null, null, locale), locale);
                    if (label == null) {
                        unlabelled.add(entry.getKey() + " › " + column.name() + " (" + locale + ")");
                    }
                    // a code is written as its label: every code the column may hold has one
                    for (Object code : column.codes() == null ? new Object[0] : column.codes().getEnumConstants()) {
                        String key = "enum." + column.codes().getSimpleName() + "." + ((Enum<?>) code).name();
                        if (MESSAGES.getMessage(key, null, null, locale) == null) {
                            unlabelled.add(entry.getKey() + " › " + key + " (" + locale + ")");
                        }
                    }
                }
            }
        }
        assertThat(unlabelled).as("columns without a label").isEmpty();
        assertThat(MESSAGES.getMessage("field.list.code", null, Locale.SIMPLIFIED_CHINESE)).isNotEqualTo("验证码");
    }

    @Test
    void anEmptyListHasItsHeaderRowAndCodesAreWrittenAsTheirEnumsLabels() throws Exception {
        record Step(String name, io.qiyue.contract.ContractType type, List<io.qiyue.security.Role> roles,
                    boolean active) {
        }
        var type = ResolvableType.forClassWithGenerics(PageResult.class, Step.class);
        String empty = csv(new PageResult<>(List.of(), 1, 20, 0), type);
        assertThat(empty.strip()).isEqualTo("\uFEFF名称,合同类型,角色,启用");

        var one = new Step("审批", io.qiyue.contract.ContractType.SERVICE,
                List.of(io.qiyue.security.Role.LEGAL, io.qiyue.security.Role.FINANCE), true);
        String written = csv(new PageResult<>(List.of(one), 1, 20, 1), type);
        assertThat(written).contains("审批,客户服务合同,法务；财务,是");

        record Hit(@io.qiyue.shared.HtmlText String snippet) {
        }
        String hit = csv(new PageResult<>(List.of(new Hit("甲方的<em>保密</em>义务 &amp; 乙方的&lt;权利&gt;")), 1, 20, 1),
                ResolvableType.forClassWithGenerics(PageResult.class, Hit.class));
        assertThat(hit).as("HTML as the text a reader sees").contains("甲方的保密义务 & 乙方的<权利>");
    }

    private static String csv(PageResult<?> page, ResolvableType type) throws Exception {
        var body = new ByteArrayOutputStream();
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(ListExport.CSV_TYPE));
        HttpOutputMessage output = new HttpOutputMessage() {
            @Override
            public java.io.OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        try {
            EXPORTS.write(page, type, MediaType.parseMediaType(ListExport.CSV_TYPE), output, Map.of());
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
        return body.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /**
     * Every GET of a controller that answers a page, by "Controller.method", with its item type; not those whose
     * path has an export of its own (contracts, audit, obligations …: a method producing CSV beside it).
     */
    private static Map<String, Class<?>> listTypes() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        var found = new java.util.TreeMap<String, Class<?>>();
        for (var candidate : scanner.findCandidateComponents("io.qiyue")) {
            Class<?> controller = Class.forName(candidate.getBeanClassName());
            var prefix = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String base = prefix == null || prefix.path().length == 0 ? "" : prefix.path()[0];
            var exported = new java.util.HashSet<String>();
            for (Method method : controller.getDeclaredMethods()) {
                var get = AnnotatedElementUtils.findMergedAnnotation(method, GetMapping.class);
                if (get != null && List.of(get.produces()).contains(ListExport.CSV_TYPE)) {
                    exported.addAll(List.of(get.path()));
                }
            }
            for (Method method : controller.getDeclaredMethods()) {
                var get = AnnotatedElementUtils.findMergedAnnotation(method, GetMapping.class);
                if (get == null || java.util.Arrays.stream(get.path()).anyMatch(exported::contains)) {
                    continue;
                }
                var returned = ResolvableType.forMethodReturnType(method);
                if (org.springframework.http.HttpEntity.class.isAssignableFrom(returned.toClass())) {
                    returned = returned.getGeneric(0);
                }
                if (io.qiyue.shared.Listing.class.isAssignableFrom(returned.toClass())) {
                    Class<?> item = ListPageExports.itemType(returned);
                    if (item != null) {
                        found.put(controller.getSimpleName() + "." + method.getName() + " " + base
                                + String.join("|", get.path()), item);
                    }
                }
            }
        }
        return found;
    }
}
