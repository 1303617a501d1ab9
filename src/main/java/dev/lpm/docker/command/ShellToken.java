package dev.lpm.docker.command;

/**
 * One token of a shell command line, with where it stands in the line so a rewrite can replace exactly
 * this token and leave every other byte as the user wrote it.
 *
 * @param kind    a word, a control operator ({@code ; & | && || ( )} and newline) or a redirection
 *                operator ({@code < > >> <& >& <> >|}, with its optional file-descriptor number)
 * @param value   for a word: the text after quote removal (no expansion is done, so {@code $HOME} stays
 *                {@code $HOME}); for an operator: the operator
 * @param start   index of the token's first character in the line
 * @param end     index after its last character
 * @param expands the word contains a {@code $} or backquote outside single quotes, so the shell will
 *                substitute something here that lpm cannot see
 */
public record ShellToken(Kind kind, String value, int start, int end, boolean expands) {

    public enum Kind { WORD, CONTROL, REDIRECT }

    public boolean isWord() {
        return kind == Kind.WORD;
    }
}
