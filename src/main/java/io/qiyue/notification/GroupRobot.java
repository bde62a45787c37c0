package io.qiyue.notification;

import java.time.Instant;
import java.util.List;

/** A group robot (企业微信, 钉钉, 飞书). Its URL carries an access token: only its host is shown. */
public record GroupRobot(String id, String name, RobotKind kind, String urlHint, boolean signed, List<String> events,
                         Instant createdAt, String createdBy) {

    public record RobotInput(String name, String kind, String url, String secret, List<String> events) {
    }

    /** One message posted to the robot: how many notifications it carried and what the robot answered. */
    public record Dispatch(String id, Instant sentAt, int items, Integer statusCode, String error) {
    }
}
