package org.distreboot.devkit.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of a set of Markdown files, and which of them do not resolve: a file that is
 * not there, or an anchor no heading of the target makes (GitHub's rule: the heading in lower
 * case, without punctuation, spaces made hyphens; a repeated heading gets -1, -2…). Links in code
 * (fenced blocks, `spans`) are not links; an address with a scheme is not checked.
 */
final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /** One link: where it is written and where it points. */
    record Link(Path in, int line, String target) {
        @Override
        public String toString() {
            return in + ":" + line + ": " + target;
        }
    }

    private final List<Link> links = new ArrayList<>();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /** Reads {@code files}: their links, and the anchors each one's headings make. */
    static MarkdownLinks of(List<Path> files) throws IOException {
        MarkdownLinks read = new MarkdownLinks();
        for (Path file : files) {
            read.read(file.toAbsolutePath().normalize());
        }
        return read;
    }

    private void read(Path file) throws IOException {
        boolean fenced = false;
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (link.find()) {
                if (!SCHEME.matcher(link.group(1)).find()) {
                    links.add(new Link(file, number, link.group(1)));
                }
            }
        }
    }

    /** Every relative link read. */
    List<Link> links() {
        return List.copyOf(links);
    }

    /** The links that do not resolve, each with why. */
    List<String> broken() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Link link : links) {
            int hash = link.target().indexOf('#');
            String path = hash < 0 ? link.target() : link.target().substring(0, hash);
            Path target = path.isEmpty() ? link.in() : link.in().resolveSibling(path).normalize();
            if (!Files.exists(target)) {
                broken.add(link + " (no such file)");
            } else if (hash >= 0 && !anchorsOf(target).contains(link.target().substring(hash + 1))) {
                broken.add(link + " (no such heading in " + target.getFileName() + ")");
            }
        }
        return broken;
    }

    /** The anchors the headings of {@code file} make, in GitHub's way. */
    Set<String> anchorsOf(Path file) throws IOException {
        Set<String> known = anchors.get(file);
        if (known != null) {
            return known;
        }
        Set<String> made = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                made.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        anchors.put(file, made);
        return made;
    }

    /** A heading's anchor: lower case, only letters, digits, spaces, hyphens and underscores kept, spaces made hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
