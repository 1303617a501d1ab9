package dev.lpm.docker.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way POSIX {@code sh} does before expansion: single quotes keep
 * everything literally, double quotes keep everything but {@code \$ \` \" \\ \newline}, a backslash
 * outside quotes keeps the next character, and unquoted operators end a word. Services run through
 * {@code sh -c}, so this is the grammar that decides what docker receives; a regex over the raw line
 * cannot tell {@code -p 80:80} from {@code echo '-p 80:80'}.
 *
 * <p>Deliberately not handled (the words keep their text and are marked {@link ShellToken#expands()}):
 * parameter expansion, command substitution, arithmetic; here-documents; comments are supported
 * ({@code #} at the start of a word).
 */
public final class ShellWords {

    private ShellWords() {}

    public static List<ShellToken> tokenize(String line) {
        return new Scanner(line).scan();
    }

    private static final class Scanner {
        private final String line;
        private final List<ShellToken> tokens = new ArrayList<>();
        private int pos;

        Scanner(String line) {
            this.line = line;
        }

        List<ShellToken> scan() {
            while (true) {
                skipBlanks();
                if (pos >= line.length()) {
                    return tokens;
                }
                char c = line.charAt(pos);
                if (c == '#') {
                    skipComment();
                } else if (isOperatorStart(c)) {
                    operator(pos);
                } else {
                    word();
                }
            }
        }

        private void skipBlanks() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipComment() {
            while (pos < line.length() && line.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void word() {
            int start = pos;
            StringBuilder value = new StringBuilder();
            boolean expands = false;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == ' ' || c == '\t' || isOperatorStart(c)) {
                    break;
                }
                switch (c) {
                    case '\'' -> singleQuoted(value);
                    case '"' -> expands |= doubleQuoted(value);
                    case '\\' -> backslash(value);
                    default -> {
                        expands |= c == '$' || c == '`';
                        value.append(c);
                        pos++;
                    }
                }
            }
            // "2>file": a word of digits right before a redirection is its file descriptor, not a word.
            if (pos < line.length() && (line.charAt(pos) == '<' || line.charAt(pos) == '>')
                    && line.substring(start, pos).chars().allMatch(Character::isDigit)) {
                operator(start);
                return;
            }
            tokens.add(new ShellToken(ShellToken.Kind.WORD, value.toString(), start, pos, expands));
        }

        private void singleQuoted(StringBuilder value) {
            int close = line.indexOf('\'', pos + 1);
            if (close < 0) {
                throw new ShellSyntaxException("unterminated single quote at position " + pos + ": " + line);
            }
            value.append(line, pos + 1, close);
            pos = close + 1;
        }

        /** Returns whether the quoted part contains an expansion. */
        private boolean doubleQuoted(StringBuilder value) {
            int open = pos++;
            boolean expands = false;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == '"') {
                    pos++;
                    return expands;
                }
                if (c == '\\' && pos + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(pos + 1)) >= 0) {
                    if (line.charAt(pos + 1) != '\n') {
                        value.append(line.charAt(pos + 1));
                    }
                    pos += 2;
                    continue;
                }
                expands |= c == '$' || c == '`';
                value.append(c);
                pos++;
            }
            throw new ShellSyntaxException("unterminated double quote at position " + open + ": " + line);
        }

        private void backslash(StringBuilder value) {
            if (pos + 1 >= line.length()) {
                throw new ShellSyntaxException("the command ends with a backslash: " + line);
            }
            char next = line.charAt(pos + 1);
            if (next != '\n') { // backslash-newline is a line continuation: both vanish
                value.append(next);
            }
            pos += 2;
        }

        private void operator(int start) {
            char c = line.charAt(pos);
            String[] candidates = c == '<' || c == '>'
                    ? new String[] {">>", "<&", ">&", "<>", ">|", "<", ">"}
                    : new String[] {"&&", "||", ";;", ";", "&", "|", "(", ")", "\n"};
            for (String op : candidates) {
                if (line.startsWith(op, pos)) {
                    pos += op.length();
                    ShellToken.Kind kind = c == '<' || c == '>' ? ShellToken.Kind.REDIRECT : ShellToken.Kind.CONTROL;
                    tokens.add(new ShellToken(kind, line.substring(start, pos), start, pos, false));
                    return;
                }
            }
            throw new AssertionError("not an operator: " + c);
        }

        private static boolean isOperatorStart(char c) {
            return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\n';
        }
    }
}
