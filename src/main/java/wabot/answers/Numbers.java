package wabot.answers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the one number in a message as people write it. Spaces, apostrophes and one of '.' or ',' may group
 * thousands; the other, or a lone one, marks decimals. Where both appear the last is the decimal mark ("1.234,5"
 * and "1,234.5"); a lone mark with exactly three digits after a short whole part groups thousands ("1.500" is
 * fifteen hundred, in every language), otherwise it marks decimals ("3,5", "0,125"). Words and symbols around the
 * number ("$ 20", "42 años") are allowed; two numbers ("2 o 3") are not one answer.
 */
final class Numbers {
    private static final Pattern TOKEN = Pattern.compile("[-+\u2212]?\\d(?:[\\d.,'\u2019 \u00a0\u202f\u2009]*\\d)?");
    private static final int MAX_LENGTH = 40;

    private Numbers() {}

    /** The number, or null when the text holds none, or more than one. */
    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        var tokens = new ArrayList<String>();
        var matcher = TOKEN.matcher(text.strip());
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        if (tokens.size() != 1 || tokens.get(0).length() > MAX_LENGTH) {
            return null;
        }
        var token = tokens.get(0);
        boolean negative = token.charAt(0) == '-' || token.charAt(0) == '\u2212';
        if (!Character.isDigit(token.charAt(0))) {
            token = token.substring(1);
        }
        var digits = plain(token);
        if (digits == null) {
            return null;
        }
        var number = new BigDecimal(digits);
        return negative ? number.negate() : number;
    }

    /** "1.234,5" as "1234.5"; null when the marks do not group digits in threes. */
    private static String plain(String token) {
        int dot = token.lastIndexOf('.');
        int comma = token.lastIndexOf(',');
        char decimal = 0;
        if (dot >= 0 && comma >= 0) {
            decimal = dot > comma ? '.' : ',';
        } else if (dot >= 0 || comma >= 0) {
            char mark = dot >= 0 ? '.' : ',';
            int at = Math.max(dot, comma);
            boolean lone = token.indexOf(mark) == at;
            var whole = token.substring(0, at);
            boolean groups = token.length() - at - 1 == 3 && whole.matches("[1-9]\\d{0,2}");
            if (lone && !groups) {
                decimal = mark;
            }
        }
        var integerPart = decimal == 0 ? token : token.substring(0, token.lastIndexOf(decimal));
        var fraction = decimal == 0 ? "" : token.substring(token.lastIndexOf(decimal) + 1);
        if (!fraction.matches("\\d+") && decimal != 0) {
            return null;
        }
        var groups = List.of(integerPart.split("[.,'\u2019 \u00a0\u202f\u2009]", -1));
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i).length() != 3) {
                return null;
            }
        }
        if (groups.get(0).isEmpty() || groups.get(0).length() > 3 && groups.size() > 1) {
            return null;
        }
        var whole = String.join("", groups);
        if (!whole.matches("\\d+")) {
            return null;
        }
        return fraction.isEmpty() ? whole : whole + "." + fraction;
    }
}
