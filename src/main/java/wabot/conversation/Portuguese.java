package wabot.conversation;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bot in Portuguese: its texts, command words and the words its answers are read with. */
final class Portuguese {
    private Portuguese() {}

    static final Map<Text, String> TEXTS = Map.ofEntries(
            entry(Text.SKIP_HINT, "(Você pode responder «pular» para deixar esta pergunta de lado.)"),
            entry(Text.REQUIRED, "Esta pergunta é obrigatória."),
            entry(Text.PROCESSING, "Obrigado! Estamos processando suas respostas…"),
            entry(Text.PLEASE_WAIT, "Ainda estamos processando suas respostas. Por favor, aguarde um momento."),
            entry(Text.FINAL_MESSAGE, "Obrigado! Terminamos. Escreva para nós quando quiser começar de novo."),
            entry(Text.APOLOGY, "Desculpe, não conseguimos processar suas respostas agora. Nós as guardamos e "
                    + "alguém da equipe vai analisá-las. Escreva para nós quando quiser começar de novo."),
            entry(Text.TEXT_ONLY, "Só consigo ler respostas de texto. Por favor, escreva sua resposta."),
            entry(Text.TOO_LONG, "Sua resposta é longa demais. Por favor, resuma."),
            entry(Text.EXPIRED, "Sua conversa anterior expirou por inatividade, então vamos começar de novo."),
            entry(Text.RESTARTED, "Vamos começar de novo."),
            entry(Text.CANCELLED, "Conversa cancelada. Escreva para nós quando quiser começar de novo."),
            entry(Text.FLOOD, "Você está enviando mensagens muito rápido. Espere um minuto antes de continuar."),
            entry(Text.COMMANDS_HINT, "Você também pode escrever «{back}» para voltar à pergunta anterior, "
                    + "«{restart}» para começar de novo ou «{cancel}» para encerrar."),
            entry(Text.NO_EARLIER_QUESTION, "Esta é a primeira pergunta: não há uma anterior."),
            entry(Text.OTHER_QUESTION_CHOICE, "Essa opção é de outra pergunta."),
            entry(Text.CHOOSE, "Escolher"),
            entry(Text.MENU_HINT, "Responda com o número da sua opção."),
            entry(Text.YES, "Sim"),
            entry(Text.NO, "Não"),
            entry(Text.TEXT_HINT, "Escreva sua resposta em uma mensagem."),
            entry(Text.TEXT_TOO_SHORT, "Sua resposta é curta demais: escreva pelo menos {min} caracteres."),
            entry(Text.TEXT_TOO_LONG, "Sua resposta é longa demais: escreva no máximo {max} caracteres."),
            entry(Text.TEXT_MISMATCH, "Sua resposta não está no formato que esperamos."),
            entry(Text.NUMBER_HINT, "Escreva um número, por exemplo {example}."),
            entry(Text.NUMBER_INVALID, "Isso não parece um número. Exemplo: {example}"),
            entry(Text.NUMBER_NOT_WHOLE, "Escreva um número inteiro, sem casas decimais."),
            entry(Text.NUMBER_TOO_SMALL, "O número deve ser {min} ou mais."),
            entry(Text.NUMBER_TOO_LARGE, "O número deve ser {max} ou menos."),
            entry(Text.NUMBER_BETWEEN, "O número deve estar entre {min} e {max}."),
            entry(Text.EMAIL_HINT, "Escreva um endereço de e-mail, por exemplo ana@example.com."),
            entry(Text.EMAIL_INVALID, "Isso não parece um endereço de e-mail. Exemplo: ana@example.com"),
            entry(Text.PHONE_HINT, "Escreva um número de telefone com o DDD, por exemplo {example}."),
            entry(Text.PHONE_INVALID, "Isso não parece um número de telefone. Exemplo: {example}"),
            entry(Text.DATE_HINT, "Escreva uma data, por exemplo {example}, «hoje» ou «amanhã»."),
            entry(Text.DATE_INVALID, "Não entendi a data. Escreva assim: {example}, ou «hoje» ou «amanhã»."),
            entry(Text.DATE_TOO_EARLY, "A data deve ser {min} ou depois."),
            entry(Text.DATE_TOO_LATE, "A data deve ser {max} ou antes."),
            entry(Text.DATE_BETWEEN, "A data deve estar entre {min} e {max}."),
            entry(Text.YES_NO_HINT, "Toque em «Sim» ou «Não», ou escreva sim ou não."),
            entry(Text.YES_NO_INVALID, "Responda sim ou não."),
            entry(Text.CHOICE_HINT, "Toque em uma das opções, ou escreva o número ou o nome dela."),
            entry(Text.CHOICE_INVALID, "Essa não é uma das opções. Toque em uma, ou escreva o número ou o nome dela."),
            entry(Text.IMAGE_EXPECTED, "Envie uma foto: toque em 📎 e escolha Galeria ou Câmera."),
            entry(Text.DOCUMENT_EXPECTED, "Envie um documento: toque em 📎 e escolha Documento."),
            entry(Text.AUDIO_EXPECTED, "Envie um áudio ou uma mensagem de voz."),
            entry(Text.VIDEO_EXPECTED, "Envie um vídeo: toque em 📎 e escolha Galeria ou Câmera."),
            entry(Text.MEDIA_EXPECTED, "Envie uma foto, um vídeo, um áudio ou um documento: toque em 📎."),
            entry(Text.LOCATION_EXPECTED, "Compartilhe uma localização: toque em 📎 e escolha Localização."));

    static final Map<Command, List<String>> COMMANDS = Map.of(
            Command.RESTART, List.of("reiniciar", "recomeçar", "restart"),
            Command.CANCEL, List.of("cancelar", "cancel"),
            Command.BACK, List.of("voltar", "back"),
            Command.HELP, List.of("ajuda", "help"),
            Command.SKIP, List.of("pular", "skip"));

    static final Words WORDS = new Words(
            Set.of("sim", "s", "yes", "y", "claro", "com certeza"),
            Set.of("nao", "n", "no"),
            Map.of("hoje", 0, "amanha", 1, "depois de amanha", 2, "ontem", -1, "anteontem", -2,
                    "today", 0, "tomorrow", 1, "yesterday", -1),
            List.of(List.of("janeiro", "jan"), List.of("fevereiro", "fev"), List.of("marco", "mar"),
                    List.of("abril", "abr"), List.of("maio", "mai"), List.of("junho", "jun"),
                    List.of("julho", "jul"), List.of("agosto", "ago"), List.of("setembro", "set"),
                    List.of("outubro", "out"), List.of("novembro", "nov"), List.of("dezembro", "dez")));
}
