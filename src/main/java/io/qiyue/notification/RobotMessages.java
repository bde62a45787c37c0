package io.qiyue.notification;

import tools.jackson.databind.json.JsonMapper;

/**
 * The request each robot kind expects. WeCom: {@code {"msgtype":"markdown","markdown":{"content":…}}}.
 * DingTalk: {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}, signed in the URL with
 * {@code timestamp} (ms) and {@code sign}. Feishu: {@code {"timestamp":…,"sign":…,"msg_type":"text",
 * "content":{"text":…}}} with the timestamp in seconds.
 */
final class RobotMessages {
    record Request(String url, String body) {
    }

    private RobotMessages() {
    }

    static Request build(JsonMapper json, GroupRobots.Endpoint robot, String title, String text, long nowMillis) {
        var root = json.createObjectNode();
        String url = robot.url();
        switch (robot.kind()) {
            case WECOM -> {
                root.put("msgtype", "markdown");
                root.putObject("markdown").put("content", text);
            }
            case DINGTALK -> {
                root.put("msgtype", "markdown");
                var md = root.putObject("markdown");
                md.put("title", title);
                md.put("text", text);
                if (robot.secret() != null) {
                    url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + nowMillis + "&sign="
                            + Signatures.dingTalk(robot.secret(), nowMillis);
                }
            }
            case FEISHU -> {
                if (robot.secret() != null) {
                    long seconds = nowMillis / 1000;
                    root.put("timestamp", String.valueOf(seconds));
                    root.put("sign", Signatures.feishu(robot.secret(), seconds));
                }
                root.put("msg_type", "text");
                root.putObject("content").put("text", text);
            }
        }
        return new Request(url, json.writeValueAsString(root));
    }

    /**
     * Whether the robot accepted it: these answer HTTP 200 with an error code in the body (WeCom and DingTalk
     * {@code errcode}, Feishu {@code code}), so the status alone does not say.
     */
    static String refusal(JsonMapper json, String responseBody) {
        try {
            var node = json.readTree(responseBody);
            for (String field : new String[]{"errcode", "code", "StatusCode"}) {
                if (node.has(field) && node.path(field).asInt() != 0) {
                    String msg = node.has("errmsg") ? node.path("errmsg").asString() : node.path("msg").asString();
                    return field + " " + node.path(field).asInt() + ": " + msg;
                }
            }
            return null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
