package wabot.numbers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Flow;
import wabot.external.ExternalApiClient;
import wabot.whatsapp.Messenger;

/**
 * One business number as wabot runs it: the engine of its flow, the business API its conversations go to (and that
 * API's circuit), and the messenger its replies leave through, at the number's own rate, with its own token.
 *
 * @param scope what the keys of its people's conversations carry ({@link UserKey})
 * @param breaker shared by every number posting to the same business API URL
 */
public record Line(BusinessNumber number, String scope, ConversationEngine engine, ExternalApiClient api,
                   CircuitBreaker breaker, Messenger messenger, RateLimiter rate) {

    /** The key of {@code person}'s conversations with this number. */
    public String keyOf(String person) {
        return UserKey.of(scope, person);
    }

    public Flow flow() {
        return engine.flow();
    }

    /** Meta's id of the number; null for a single-number deployment without {@code PHONE_NUMBER_ID}. */
    public String id() {
        return number.phoneNumberId();
    }
}
