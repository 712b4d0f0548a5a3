package org.purecodec.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small JSON reader for ffprobe's output (objects, arrays, strings, numbers, booleans, null). */
public abstract class Json {
    private Json() {
    }

    /** Parses a JSON document. */
    public static Json parse(String text) {
        Parser p = new Parser(text);
        Json v = p.value();
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** Parses a JSON file. */
    public static Json parseFile(Path file) {
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This value as an object. */
    public Obj asObj() {
        if (this instanceof Obj) {
            return (Obj) this;
        }
        throw new IllegalStateException("not an object: " + this);
    }

    /** This value as an array. */
    public Arr asArr() {
        if (this instanceof Arr) {
            return (Arr) this;
        }
        throw new IllegalStateException("not an array: " + this);
    }

    /** This value as text (strings as they are, numbers and booleans as written). */
    public String asText() {
        if (this instanceof Str) {
            return ((Str) this).value;
        }
        if (this instanceof Num) {
            return ((Num) this).text;
        }
        return String.valueOf(this);
    }

    /** An object, keys in document order. */
    public static final class Obj extends Json {
        private final Map<String, Json> members;

        Obj(Map<String, Json> members) {
            this.members = Collections.unmodifiableMap(members);
        }

        /** The member, or null when absent. */
        public Json get(String key) {
            return members.get(key);
        }

        /** The member as text, or null when absent. */
        public String text(String key) {
            Json v = members.get(key);
            return v == null ? null : v.asText();
        }

        /** The members. */
        public Map<String, Json> members() {
            return members;
        }

        @Override
        public String toString() {
            return members.toString();
        }
    }

    /** An array. */
    public static final class Arr extends Json {
        private final List<Json> items;

        Arr(List<Json> items) {
            this.items = Collections.unmodifiableList(items);
        }

        /** The items. */
        public List<Json> items() {
            return items;
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    /** A string. */
    public static final class Str extends Json {
        final String value;

        Str(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** A number, kept as written. */
    public static final class Num extends Json {
        final String text;

        Num(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code true}, {@code false} or {@code null}. */
    public static final class Lit extends Json {
        final String text;

        Lit(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalStateException error(String what) {
            return new IllegalStateException("JSON: " + what + " at offset " + pos);
        }

        void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Json value() {
            ws();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return new Str(string());
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        int start = pos;
                        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                            pos++;
                        }
                        return new Num(s.substring(start, pos));
                    }
                    for (String lit : new String[] {"true", "false", "null"}) {
                        if (s.startsWith(lit, pos)) {
                            pos += lit.length();
                            return new Lit(lit);
                        }
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        Obj object() {
            Map<String, Json> m = new LinkedHashMap<>();
            pos++;
            ws();
            if (peek() == '}') {
                pos++;
                return new Obj(m);
            }
            while (true) {
                ws();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String k = string();
                ws();
                expect(':');
                m.put(k, value());
                ws();
                char c = next();
                if (c == '}') {
                    return new Obj(m);
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        Arr array() {
            List<Json> l = new ArrayList<>();
            pos++;
            ws();
            if (peek() == ']') {
                pos++;
                return new Arr(l);
            }
            while (true) {
                l.add(value());
                ws();
                char c = next();
                if (c == ']') {
                    return new Arr(l);
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'r': sb.append('\r'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'u':
                            if (pos + 4 > s.length()) {
                                throw error("bad \\u escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                            break;
                        default: sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }
    }
}
