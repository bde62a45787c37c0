package io.qiyue.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;

/**
 * The anchor of bench/speed.sh: the plainest Java service for {@code GET /api/v1/contracts/{id}} on the same
 * database as Qiyue, to say what the read costs without a framework. JDK {@link HttpServer} on virtual threads,
 * a fixed set of JDBC connections, the Bearer token checked by its SHA-256 against Qiyue's own
 * {@code api_token} table (live, not revoked, not expired; its user enabled), then one query by primary key
 * for the contract with its customer's name, written out as JSON by hand. Run by hand, never by CI.
 *
 * <pre>args: port jdbcUrl user password [connections=16]</pre>
 */
public final class AnchorServer {
    private static final String TOKEN_SQL = "SELECT t.user_id FROM api_token t JOIN app_user u ON u.id = t.user_id"
            + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > CURRENT_TIMESTAMP)"
            + " AND u.enabled = TRUE";
    private static final String CONTRACT_SQL = "SELECT c.id, c.contract_no, c.type, c.title, c.customer_id,"
            + " cu.name AS customer_name, c.our_entity_id, c.owner, c.amount_value, c.amount_currency, c.start_date,"
            + " c.end_date, c.auto_renew, c.renewal_notice_days, c.status, c.terms, c.version, c.created_at,"
            + " c.created_by, c.updated_at FROM contract c LEFT JOIN customer cu ON cu.id = c.customer_id WHERE c.id = ?";
    private static final String PATH = "/api/v1/contracts/";

    private final BlockingQueue<Connection> connections;

    private AnchorServer(BlockingQueue<Connection> connections) {
        this.connections = connections;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        var pool = new ArrayBlockingQueue<Connection>(size);
        for (int i = 0; i < size; i++) {
            Connection c = DriverManager.getConnection(args[1], args[2], args.length > 3 ? args[3] : "");
            c.setReadOnly(true);
            pool.add(c);
        }
        var anchor = new AnchorServer(pool);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext(PATH, anchor::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.out.println("anchor listening on 127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String id = exchange.getRequestURI().getPath().substring(PATH.length());
            if (!"GET".equals(exchange.getRequestMethod()) || id.isEmpty() || id.contains("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Connection c = connections.take();
            String json;
            try {
                if (!tokenValid(c, sha256(auth.substring(7).trim()))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                json = contract(c, id);
            } finally {
                connections.add(c);
            }
            if (json == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (SQLException | InterruptedException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static boolean tokenValid(Connection c, String hash) throws SQLException {
        try (var ps = c.prepareStatement(TOKEN_SQL)) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String contract(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement(CONTRACT_SQL)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                var out = new StringBuilder(2048).append('{');
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i > 1) {
                        out.append(',');
                    }
                    quote(out, meta.getColumnLabel(i)).append(':');
                    String value = rs.getString(i);
                    if (value == null) {
                        out.append("null");
                    } else if (meta.getColumnLabel(i).equalsIgnoreCase("terms")) {
                        out.append(value); // already JSON
                    } else {
                        quote(out, value);
                    }
                }
                return out.append('}').toString();
            }
        }
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
