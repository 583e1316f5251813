package wabotbench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import wabot.whatsapp.MalformedWebhook;
import wabot.whatsapp.Webhook;
import wabot.whatsapp.WebhookParser;
import wabot.whatsapp.WebhookSignature;

/**
 * Webhook intake before the database: {@link WebhookSignature#matches} (HMAC-SHA256 over the raw bytes) and
 * {@link WebhookParser#parse}, for a one-message body shaped like src/test/resources/whatsapp/payloads/text.json and for a
 * POST that batches ten users' messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhookBench {
    @Param({"1", "10"})
    public int messages;

    private WebhookParser parser;
    private WebhookSignature signature;
    private byte[] body;
    private String header;

    @Setup
    public void setup() {
        parser = new WebhookParser();
        signature = new WebhookSignature("bench-app-secret");
        var sb = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[");
        for (int i = 0; i < messages; i++) {
            var user = Long.toString(5511900000000L + i);
            sb.append(i > 0 ? "," : "").append("{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                    + "\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"200000000000002\"},\"contacts\":[{"
                    + "\"profile\":{\"name\":\"Ana Souza\"},\"wa_id\":\"").append(user).append("\"}],\"messages\":[{\"from\":\"")
                    .append(user).append("\",\"id\":\"wamid.HBgLTVRVMU5UVTFOVEF4TURFSU4tVEVYVC0w").append(i)
                    .append("\",\"timestamp\":\"1789390001\",\"type\":\"text\",\"text\":{\"body\":"
                            + "\"Ol\\u00e1! A loja abre ao domingo? \\ud83c\\udf35\"}}]},\"field\":\"messages\"}");
        }
        body = sb.append("]}]}").toString().getBytes(StandardCharsets.US_ASCII);
        header = signature.header(body);
        if (!signature.matches(body, header)) {
            throw new IllegalStateException("signature setup");
        }
    }

    @Benchmark
    public boolean signatureCheck() {
        return signature.matches(body, header);
    }

    @Benchmark
    public Webhook parse() throws MalformedWebhook {
        return parser.parse(body);
    }

    @Benchmark
    public Webhook verifyAndParse() throws MalformedWebhook {
        if (!signature.matches(body, header)) {
            throw new IllegalStateException("bad signature");
        }
        return parser.parse(body);
    }
}
