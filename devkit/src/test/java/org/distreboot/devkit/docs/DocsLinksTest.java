package org.distreboot.devkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the checkout's Markdown (README.md, docs/, the recipes…) resolves, anchors included. */
class DocsLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<Path> markdown() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> Stream.of(ROOT.relativize(file).toString().split("/"))
                            .noneMatch(part -> part.equals("target") || part.startsWith(".")
                                    || part.equals("node_modules")))
                    .sorted().toList();
        }
    }

    @Test
    void everyRelativeLinkAndAnchorOfTheDocsResolves() throws IOException {
        List<Path> files = markdown();
        MarkdownLinks links = MarkdownLinks.of(files);

        List<MarkdownLinks.Link> all = links.links();
        long anchored = all.stream().filter(link -> link.target().contains("#")).count();
        System.out.println("docs links: " + all.size() + " relative links in " + files.size()
                + " Markdown files, " + anchored + " of them to an anchor");
        assertThat(files).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/operating.md"),
                ROOT.resolve("docs/evidence.md"));
        assertThat(all).hasSizeGreaterThan(50);
        assertThat(anchored).isGreaterThan(25);
        assertThat(links.broken()).isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsFound_andCodeIsNotALink(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), """
                # A title
                ## Configuration: `distreboot.properties`
                ## Again
                ## Again
                [ok](#a-title) [ok](b.md#configuration-distrebootproperties) [ok](#again-1)
                [gone](c.md) [no heading](b.md#nowhere) [web](https://example.org/x#y)
                `[in code](nowhere.md)`
                ```
                [in a block](nowhere.md)
                ```
                """);
        Files.writeString(dir.resolve("b.md"), "## Configuration: `distreboot.properties`\n");

        MarkdownLinks links = MarkdownLinks.of(List.of(dir.resolve("a.md"), dir.resolve("b.md")));

        assertThat(links.links()).hasSize(5);
        assertThat(links.broken()).containsExactly(
                dir.resolve("a.md") + ":6: c.md (no such file)",
                dir.resolve("a.md") + ":6: b.md#nowhere (no such heading in b.md)");
        assertThat(MarkdownLinks.slug("The everyday command and the daemon's size"))
                .isEqualTo("the-everyday-command-and-the-daemons-size");
    }
}
