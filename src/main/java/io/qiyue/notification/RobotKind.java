package io.qiyue.notification;

/**
 * The group robots' incoming webhooks and their published limits: WeCom and DingTalk take 20 messages a
 * minute per robot (DingTalk then blocks the robot for 10 minutes), Feishu 100 a minute and 5 a second with
 * at most 20 KB a request. {@code maxBytes} leaves room for the JSON around the text.
 */
public enum RobotKind {
    WECOM(20, 0, 4000),
    DINGTALK(20, 0, 18000),
    FEISHU(100, 5, 18000);

    private final int perMinute;
    private final int perSecond;
    private final int maxBytes;

    RobotKind(int perMinute, int perSecond, int maxBytes) {
        this.perMinute = perMinute;
        this.perSecond = perSecond;
        this.maxBytes = maxBytes;
    }

    public int perMinute() {
        return perMinute;
    }

    /** 0 when the robot has no per-second limit. */
    public int perSecond() {
        return perSecond;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
