package io.qiyue.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Where webhooks and robots may post: public addresses; private ones and the loopback only when allowed. */
class OutboundAddressesTest {
    private final OutboundAddresses strict = new OutboundAddresses(false);
    private final OutboundAddresses allowingPrivate = new OutboundAddresses(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://0.0.0.0:8080/",
            "http://0.1.2.3/", "http://[::]/", "http://[::ffff:169.254.169.254]/", "http://[::169.254.169.254]/",
            "http://[64:ff9b::a9fe:a9fe]/", "http://224.0.0.1/", "http://255.255.255.255/"})
    void neverLinkLocalUnspecifiedOrMulticast(String url) {
        assertThat(strict.refusedOnSave(url)).as(url).isPresent();
        assertThat(allowingPrivate.refusedOnSave(url)).as(url).isPresent();
        assertThat(allowingPrivate.refusedOnDelivery(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://2130706433/", "http://[::1]/",
            "http://[::ffff:127.0.0.1]/", "http://localhost:9000/", "http://LOCALHOST./", "http://x.localhost/",
            "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.10/",
            "http://100.64.0.1/", "http://[fd00::1]/"})
    void theLoopbackAndPrivateNetworksOnlyWhenAllowed(String url) {
        assertThat(strict.refusedOnSave(url)).as(url).isPresent();
        assertThat(allowingPrivate.refusedOnSave(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.cn/x", "https://oapi.dingtalk.com/robot/send?access_token=t",
            "http://93.184.216.34/", "http://172.32.0.1/", "http://100.128.0.1/", "http://[2001:db8::1]/"})
    void publicAddressesAndNamesMayBeSaved(String url) {
        assertThat(strict.refusedOnSave(url)).as(url).isEmpty();
    }

    /** Short forms the resolver would read as 127.0.0.1 are no host for {@link java.net.URI}, so no http URL at all. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/", "http://0x7f.0.0.1/"})
    void numericHostsOtherThanFourPartsAreNoHttpUrl(String url) {
        assertThat(NotificationSettingsStore.httpUrl(url)).as(url).isFalse();
        assertThat(strict.refusedOnDelivery(url)).as(url).isPresent();
    }

    @Test
    void deliveryResolvesTheNameAndChecksWhatItResolvesTo() {
        // localhost resolves without a name server (the hosts file): a name that points inside is refused
        var refused = strict.refusedOnDelivery("http://localhost:8080/hook");
        assertThat(refused).isPresent();
        assertThat(refused.get().reason()).contains("address not allowed", "localhost");
        assertThat(refused.get().retry()).isFalse();
        assertThat(strict.refusedOnDelivery("http://127.0.0.1:8080/hook")).isPresent();
        assertThat(allowingPrivate.refusedOnDelivery("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(strict.refusedOnDelivery("http://93.184.216.34/hook")).isEmpty();
    }

    @Test
    void classifiesAddresses() throws Exception {
        assertThat(OutboundAddresses.classify(InetAddress.getByName("169.254.169.254")))
                .isEqualTo(OutboundAddresses.Kind.LINK_LOCAL);
        assertThat(OutboundAddresses.classify(InetAddress.getByName("::1"))).isEqualTo(OutboundAddresses.Kind.LOOPBACK);
        assertThat(OutboundAddresses.classify(InetAddress.getByName("::"))).isEqualTo(OutboundAddresses.Kind.UNSPECIFIED);
        assertThat(OutboundAddresses.classify(InetAddress.getByName("192.168.0.1")))
                .isEqualTo(OutboundAddresses.Kind.PRIVATE);
        assertThat(OutboundAddresses.classify(InetAddress.getByName("8.8.8.8"))).isEqualTo(OutboundAddresses.Kind.PUBLIC);
    }
}
