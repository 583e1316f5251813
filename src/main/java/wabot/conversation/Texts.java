package wabot.conversation;

/**
 * What the bot says besides the questions. A flow file may override any of them; the defaults are Spanish,
 * like the bundled flow.
 */
public record Texts(
        String skipHint,
        String required,
        String processing,
        String pleaseWait,
        String finalMessage,
        String apology,
        String textOnly,
        String tooLong,
        String expired,
        String restarted,
        String cancelled,
        String flood) {

    public static Texts spanish() {
        return new Texts(
                "(Puedes responder «omitir» para saltar esta pregunta.)",
                "Esta pregunta es obligatoria.",
                "¡Gracias! Estamos procesando tus respuestas…",
                "Seguimos procesando tus respuestas. Por favor, espera un momento.",
                "¡Gracias! Hemos terminado. Escríbenos cuando quieras empezar de nuevo.",
                "Lo sentimos, no pudimos procesar tus respuestas en este momento. Las hemos guardado y un "
                        + "miembro del equipo las revisará. Escríbenos cuando quieras empezar de nuevo.",
                "Solo puedo leer respuestas de texto. Por favor, escribe tu respuesta.",
                "Tu respuesta es demasiado larga. Por favor, resúmela.",
                "Tu conversación anterior caducó por inactividad, así que empezamos de nuevo.",
                "Empezamos de nuevo.",
                "Conversación cancelada. Escríbenos cuando quieras empezar de nuevo.",
                "Estás enviando mensajes muy rápido. Espera un minuto antes de seguir.");
    }

    /** This set of texts with every blank field taken from {@code defaults}. */
    public Texts orElse(Texts defaults) {
        return new Texts(
                pick(skipHint, defaults.skipHint), pick(required, defaults.required),
                pick(processing, defaults.processing), pick(pleaseWait, defaults.pleaseWait),
                pick(finalMessage, defaults.finalMessage), pick(apology, defaults.apology),
                pick(textOnly, defaults.textOnly), pick(tooLong, defaults.tooLong),
                pick(expired, defaults.expired), pick(restarted, defaults.restarted),
                pick(cancelled, defaults.cancelled), pick(flood, defaults.flood));
    }

    private static String pick(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
