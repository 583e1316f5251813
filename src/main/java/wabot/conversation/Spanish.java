package wabot.conversation;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bot in Spanish, the default language: its texts, command words and the words its answers are read with. */
final class Spanish {
    private Spanish() {}

    static final Map<Text, String> TEXTS = Map.ofEntries(
            entry(Text.SKIP_HINT, "(Puedes responder «omitir» para saltar esta pregunta.)"),
            entry(Text.REQUIRED, "Esta pregunta es obligatoria."),
            entry(Text.PROCESSING, "¡Gracias! Estamos procesando tus respuestas…"),
            entry(Text.PLEASE_WAIT, "Seguimos procesando tus respuestas. Por favor, espera un momento."),
            entry(Text.FINAL_MESSAGE, "¡Gracias! Hemos terminado. Escríbenos cuando quieras empezar de nuevo."),
            entry(Text.APOLOGY, "Lo sentimos, no pudimos procesar tus respuestas en este momento. Las hemos guardado "
                    + "y un miembro del equipo las revisará. Escríbenos cuando quieras empezar de nuevo."),
            entry(Text.TEXT_ONLY, "Solo puedo leer respuestas de texto. Por favor, escribe tu respuesta."),
            entry(Text.TOO_LONG, "Tu respuesta es demasiado larga. Por favor, resúmela."),
            entry(Text.EXPIRED, "Tu conversación anterior caducó por inactividad, así que empezamos de nuevo."),
            entry(Text.RESTARTED, "Empezamos de nuevo."),
            entry(Text.CANCELLED, "Conversación cancelada. Escríbenos cuando quieras empezar de nuevo."),
            entry(Text.FLOOD, "Estás enviando mensajes muy rápido. Espera un minuto antes de seguir."),
            entry(Text.COMMANDS_HINT, "También puedes escribir «{back}» para volver a la pregunta anterior, "
                    + "«{restart}» para empezar de nuevo o «{cancel}» para terminar."),
            entry(Text.NO_EARLIER_QUESTION, "Esta es la primera pregunta: no hay una anterior."),
            entry(Text.OTHER_QUESTION_CHOICE, "Esa opción es de otra pregunta."),
            entry(Text.CHOOSE, "Elegir"),
            entry(Text.MENU_HINT, "Responde con el número de tu opción."),
            entry(Text.YES, "Sí"),
            entry(Text.NO, "No"),
            entry(Text.TEXT_HINT, "Escribe tu respuesta en un mensaje."),
            entry(Text.TEXT_TOO_SHORT, "Tu respuesta es demasiado corta: escribe al menos {min} caracteres."),
            entry(Text.TEXT_TOO_LONG, "Tu respuesta es demasiado larga: escribe como máximo {max} caracteres."),
            entry(Text.TEXT_MISMATCH, "Tu respuesta no tiene el formato que esperamos."),
            entry(Text.NUMBER_HINT, "Escribe un número, por ejemplo {example}."),
            entry(Text.NUMBER_INVALID, "Eso no parece un número. Ejemplo: {example}"),
            entry(Text.NUMBER_NOT_WHOLE, "Escribe un número entero, sin decimales."),
            entry(Text.NUMBER_TOO_SMALL, "El número debe ser {min} o más."),
            entry(Text.NUMBER_TOO_LARGE, "El número debe ser {max} o menos."),
            entry(Text.NUMBER_BETWEEN, "El número debe estar entre {min} y {max}."),
            entry(Text.EMAIL_HINT, "Escribe una dirección de email, por ejemplo ana@example.com."),
            entry(Text.EMAIL_INVALID, "Eso no parece una dirección de email. Ejemplo: ana@example.com"),
            entry(Text.PHONE_HINT, "Escribe un número de teléfono con su código de área, por ejemplo {example}."),
            entry(Text.PHONE_INVALID, "Eso no parece un número de teléfono. Ejemplo: {example}"),
            entry(Text.DATE_HINT, "Escribe una fecha, por ejemplo {example}, «hoy» o «mañana»."),
            entry(Text.DATE_INVALID, "No entendí la fecha. Escríbela así: {example}, o «hoy» o «mañana»."),
            entry(Text.DATE_TOO_EARLY, "La fecha debe ser el {min} o después."),
            entry(Text.DATE_TOO_LATE, "La fecha debe ser el {max} o antes."),
            entry(Text.DATE_BETWEEN, "La fecha debe estar entre el {min} y el {max}."),
            entry(Text.YES_NO_HINT, "Toca «Sí» o «No», o escribe sí o no."),
            entry(Text.YES_NO_INVALID, "Responde sí o no."),
            entry(Text.CHOICE_HINT, "Toca una de las opciones, o escribe su número o su nombre."),
            entry(Text.CHOICE_INVALID, "Esa no es una de las opciones. Toca una, o escribe su número o su nombre."),
            entry(Text.IMAGE_EXPECTED, "Envía una foto: toca 📎 y elige Galería o Cámara."),
            entry(Text.DOCUMENT_EXPECTED, "Envía un documento: toca 📎 y elige Documento."),
            entry(Text.AUDIO_EXPECTED, "Envía un audio o una nota de voz."),
            entry(Text.VIDEO_EXPECTED, "Envía un video: toca 📎 y elige Galería o Cámara."),
            entry(Text.MEDIA_EXPECTED, "Envía una foto, un video, un audio o un documento: toca 📎."),
            entry(Text.LOCATION_EXPECTED, "Comparte una ubicación: toca 📎 y elige Ubicación."));

    /** English words work too: people write "skip" or "cancel" whatever the bot's language. */
    static final Map<Command, List<String>> COMMANDS = Map.of(
            Command.RESTART, List.of("reiniciar", "restart"),
            Command.CANCEL, List.of("cancelar", "cancel"),
            Command.BACK, List.of("atrás", "volver", "back"),
            Command.HELP, List.of("ayuda", "help"),
            Command.SKIP, List.of("omitir", "skip"));

    static final Words WORDS = new Words(
            Set.of("si", "s", "yes", "y", "claro", "dale", "de acuerdo"),
            Set.of("no", "n"),
            Map.of("hoy", 0, "manana", 1, "pasado manana", 2, "ayer", -1, "anteayer", -2,
                    "today", 0, "tomorrow", 1, "yesterday", -1),
            List.of(List.of("enero", "ene"), List.of("febrero", "feb"), List.of("marzo", "mar"),
                    List.of("abril", "abr"), List.of("mayo", "may"), List.of("junio", "jun"),
                    List.of("julio", "jul"), List.of("agosto", "ago"), List.of("septiembre", "setiembre", "sep", "set"),
                    List.of("octubre", "oct"), List.of("noviembre", "nov"), List.of("diciembre", "dic")));
}
