package wabot.console;

/**
 * One CSV cell as RFC 4180 and spreadsheets want it: quoted when it holds a comma, a quote or a line break, its
 * quotes doubled. A cell that starts like a formula ({@code = + - @}, a tab or a carriage return) gets a leading
 * apostrophe, so Excel and its kin show it as text instead of running it (CSV injection, as OWASP describes it);
 * the JSON Lines export carries every value untouched.
 */
final class Csv {
    private Csv() {}

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        var text = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
