package io.qiyue.signing;

import io.qiyue.shared.ForbiddenException;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seals over HTTP: upload and normalisation, refused files, admin-only writes, users, uses and the use log. */
abstract class SealApiContract extends ApiTestSupport {
    private static final String BOUNDARY = "qiyue-seal-boundary";
    private static final String SHA = "a".repeat(64);

    @Autowired
    private Seals seals;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void uploadsATransparentPngKeepsItAndListsIt() throws IOException {
        var signer = createUser("SALES", null);
        String entity = ourEntityId();
        byte[] png = SealImages.companySeal("契约示例（上海）有限公司", "合同专用章");

        var created = upload(admin(), entity, "seal.png", png, "CONTRACT", "合同专用章（一）", signer.username());

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/seals/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().path("kind").asString()).isEqualTo("CONTRACT");
        assertThat(created.json().path("active").asBoolean()).isTrue();
        assertThat(created.json().path("width").asInt()).isEqualTo(420);
        assertThat(created.json().path("users").get(0).asString()).isEqualTo(signer.username());
        assertThat(created.json().path("createdBy").asString()).isEqualTo("admin");

        // everyone who reads our entities sees the seal and its image
        var listed = signer.client().get("/api/v1/our-entities/" + entity + "/seals");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(ids(listed.json())).contains(id);
        var image = signer.client().request("GET", "/api/v1/seals/" + id + "/image").sendForBytes();
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(io.qiyue.shared.Hashes.sha256Hex(image.body())).isEqualTo(created.json().path("sha256").asString());
        var stored = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(stored.getRGB(0, 0) >>> 24).isZero();
        assertThat(stored.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void liftsTheWhiteBackgroundOffAJpeg() throws IOException {
        var created = upload(admin(), ourEntityId(), "scan.jpg", SealImagesTest.SampleImages.sealOnWhite("jpeg", 300),
                "OFFICIAL", "公章", null);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("users").isEmpty()).isTrue();

        byte[] png = admin().request("GET", "/api/v1/seals/" + created.json().path("id").asString() + "/image")
                .sendForBytes().body();
        assertThat(SealImages.format(png)).isEqualTo("png");
        var stored = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(stored.getRGB(0, 0) >>> 24).as("alpha of the top left corner").isZero();
        assertThat(stored.getRGB(299, 299) >>> 24).as("alpha of the bottom right corner").isZero();
        int ring = stored.getRGB(150, 30); // the ring is drawn around y = 30 at the top
        assertThat(ring >>> 24).as("alpha on the ring").isGreaterThan(200);
    }

    @Test
    void refusesFilesThatAreNoSealImageNamingTheFile() throws IOException {
        String entity = ourEntityId();
        int before = sealCount(entity);
        var refusals = List.of(
                upload(admin(), entity, "seal.gif", SealImagesTest.SampleImages.gif(), "CONTRACT", "GIF", null),
                upload(admin(), entity, "seal.png", "not an image at all".getBytes(StandardCharsets.UTF_8), "CONTRACT",
                        "text", null),
                upload(admin(), entity, "seal.png", new byte[5 * 1024 * 1024], "CONTRACT", "5 MiB", null),
                upload(admin(), entity, "bomb.png", SealImagesTest.SampleImages.pngHeaderOnly(10_000, 10_000), "CONTRACT",
                        "bomb", null),
                upload(admin(), entity, "photo.jpg", SealImagesTest.SampleImages.photo(), "CONTRACT", "photo", null));
        var details = new ArrayList<String>();
        for (var refused : refusals) {
            assertProblem(refused, 400, "file");
            details.add(String.join(" ", refused.errorMessages()));
        }
        assertThat(details.get(0)).contains("GIF");
        assertThat(details.get(2)).contains("2 MiB");
        assertThat(details.get(3)).contains("10000×10000");
        assertThat(details.get(4)).contains("背景无法去除");

        var english = admin().withHeader("Accept-Language", "en");
        var englishRefusal = upload(english, entity, "photo.jpg", SealImagesTest.SampleImages.photo(), "CONTRACT", "p", null);
        assertProblem(englishRefusal, 400, "file");
        assertThat(englishRefusal.errorMessages()).anySatisfy(m -> assertThat(m).contains("transparent background"));

        var noKindNoName = upload(admin(), entity, "seal.png", SealImages.nameStamp("张三"), null, " ", null);
        assertProblem(noKindNoName, 400, "kind", "name");
        assertProblem(upload(admin(), entity, "seal.png", SealImages.nameStamp("张三"), "PERSONAL", "名章", null), 400,
                "kind");
        assertProblem(upload(admin(), entity, "seal.png", SealImages.nameStamp("张三"), "CONTRACT", "x",
                "nobody_" + unique("x")), 400, "users[0]");
        assertThat(sealCount(entity)).isEqualTo(before);
    }

    @Test
    void onlyAdminsWrite() throws IOException {
        var sales = createUser("SALES", null);
        var legal = createUser("LEGAL", null);
        String entity = ourEntityId();
        String id = upload(admin(), entity, "seal.png", SealImages.nameStamp("李四"), "CONTRACT", "名章", null)
                .json().path("id").asString();

        for (var user : List.of(sales, legal)) {
            assertProblem(upload(user.client(), entity, "seal.png", SealImages.nameStamp("李四"), "CONTRACT", "x", null), 403);
            assertProblem(user.client().put("/api/v1/seals/" + id + "/users", "{\"users\": [\"" + user.username() + "\"]}",
                    "\"1\""), 403);
            assertProblem(user.client().post("/api/v1/seals/" + id + "/deactivate", ""), 403);
            assertProblem(user.client().get("/api/v1/seals/" + id + "/uses"), 403);
            assertThat(user.client().get("/api/v1/seals/" + id).status()).isEqualTo(200);
        }
        assertThat(admin().get("/api/v1/seals/" + id).json().path("active").asBoolean()).isTrue();
        assertProblem(anonymousUpload(entity), 401);
        assertProblem(admin().get("/api/v1/seals/" + unique("missing")), 404);
        assertProblem(admin().get("/api/v1/our-entities/" + unique("missing") + "/seals"), 404);
    }

    @Test
    void allowedUsersUseTheSealOthersAreRefusedAndTheLogListsEveryUse() throws IOException {
        var signer = createUser("SALES", null);
        var other = createUser("SALES", null);
        String entity = ourEntityId();
        var created = upload(admin(), entity, "seal.png", SealImages.companySeal("契约示例（上海）有限公司", "合同专用章"),
                "CONTRACT", "合同专用章", null).json();
        String id = created.path("id").asString();
        String path = "/api/v1/seals/" + id;
        assertThat(seals.usableBy(signer.username(), entity)).extracting(Seal::id).doesNotContain(id);

        assertProblem(admin().put(path + "/users", "{\"users\": [\"" + signer.username() + "\"]}", null), 428);
        assertProblem(admin().put(path + "/users", "{\"users\": [\"" + signer.username() + "\"]}", "\"7\""), 412);
        assertProblem(admin().put(path + "/users", "{\"users\": [\"" + signer.username() + "\", \"ghost_"
                + unique("x") + "\"]}", "\"1\""), 400, "users[1]");
        var changed = admin().put(path + "/users", "{\"users\": [\"" + signer.username() + "\", \" "
                + signer.username() + " \"]}", "\"1\"");
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(changed.json().path("users").size()).isEqualTo(1);
        assertThat(seals.usableBy(signer.username(), entity)).extracting(Seal::id).contains(id);
        assertThat(seals.usableBy(other.username(), entity)).extracting(Seal::id).doesNotContain(id);

        var tx = new TransactionTemplate(transactions);
        var use = tx.execute(s -> seals.recordUse(id, "contract-1", signer.username(), SHA, "签署 合同-1"));
        assertThat(use.sealId()).isEqualTo(id);
        assertThatThrownBy(() -> tx.execute(s -> seals.recordUse(id, "contract-1", other.username(), SHA, "签署 合同-1")))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.code()).isEqualTo("qiyue.seal.not-usable");
                    assertThat(e.args()).contains("合同专用章");
                });

        // the audit trail has the upload, the change of users and the use, each by whom it was done
        var audit = admin().get("/api/v1/audit?entity=SEAL&id=" + id);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("items").valueStream().map(e -> e.path("action").asString() + " "
                + e.path("actor").asString() + " " + e.path("changes").get(0).path("field").asString()))
                .contains("CREATE admin /ourEntityId", "UPDATE admin /users", "UPDATE " + signer.username() + " /use");

        var uses = admin().get(path + "/uses");
        assertThat(uses.status()).isEqualTo(200);
        assertThat(uses.json().path("items")).hasSize(1);
        JsonNode logged = uses.json().path("items").get(0);
        assertThat(logged.path("username").asString()).isEqualTo(signer.username());
        assertThat(logged.path("contractId").asString()).isEqualTo("contract-1");
        assertThat(logged.path("documentSha256").asString()).isEqualTo(SHA);
        assertThat(logged.path("purpose").asString()).isEqualTo("签署 合同-1");
        assertThat(logged.path("usedAt").asString()).isNotBlank();

        var deactivated = admin().post(path + "/deactivate", "");
        assertThat(deactivated.status()).as("%s", deactivated).isEqualTo(200);
        assertThat(deactivated.json().path("active").asBoolean()).isFalse();
        assertThat(admin().post(path + "/deactivate", "").json().path("version").asInt())
                .as("deactivating again changes nothing").isEqualTo(deactivated.json().path("version").asInt());
        assertThat(seals.usableBy(signer.username(), entity)).extracting(Seal::id).doesNotContain(id);
        assertThatThrownBy(() -> tx.execute(s -> seals.recordUse(id, "contract-2", signer.username(), SHA, "签署 合同-1")))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        e -> assertThat(e.code()).isEqualTo("qiyue.seal.inactive"));
        assertThat(admin().get(path + "/uses").json().path("items")).hasSize(1);
        var paged = admin().get(path + "/uses?page=1&size=1&sort=usedAt,asc");
        assertThat(paged.status()).as("%s", paged).isEqualTo(200);
        assertThat(paged.json().path("total").asLong()).isEqualTo(1);
        assertThat(paged.json().path("items")).isEmpty();
        assertProblem(admin().get(path + "/uses?size=0&sort=contractId"), 400, "size", "sort");
        // the image stays for the documents that carry the seal
        assertThat(admin().request("GET", path + "/image").sendForBytes().statusCode()).isEqualTo(200);
    }

    private int sealCount(String entity) {
        var list = admin().get("/api/v1/our-entities/" + entity + "/seals");
        assertThat(list.status()).isEqualTo(200);
        return list.json().path("items").size();
    }

    private HttpResponse anonymousUpload(String entity) {
        return anonymous().request("POST", "/api/v1/our-entities/" + entity + "/seals")
                .header("X-Requested-With", "test")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, multipart("a.png", new byte[]{1}, "CONTRACT", "x", null))
                .send();
    }

    static HttpResponse upload(ApiClient as, String entity, String fileName, byte[] content, String kind, String name,
                               String users) {
        return as.request("POST", "/api/v1/our-entities/" + entity + "/seals")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, multipart(fileName, content, kind, name, users))
                .send();
    }

    static byte[] multipart(String fileName, byte[] content, String kind, String name, String users) {
        var out = new ByteArrayOutputStream();
        field(out, "kind", kind);
        field(out, "name", name);
        field(out, "users", users);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        if (value == null) {
            return;
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
