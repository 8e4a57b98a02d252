package org.distreboot.cli.docs;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distreboot.cli.DistrebootCommand;
import org.distreboot.cli.Main;
import org.distreboot.client.Version;
import org.distreboot.client.config.PropertyKey;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes what the package installs beside the jar, made from the command's own definition:
 * the man page (with the manual's prose), the bash completion, and the commented default
 * distreboot.properties. Run by the build: {@code Docs OUTPUT_DIR}.
 */
public final class Docs {
    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        CommandLine command;
        try (ApplicationContext context = Main.contextBuilder().start()) {
            command = new CommandLine(DistrebootCommand.class, new MicronautFactory(context));
        }
        Gzip.write(out.resolve("distreboot.8.gz"), manPage(command.getCommandSpec()));
        Path completions = Files.createDirectories(out.resolve("bash-completion"));
        // Sourced by bash-completion, not run: no #! line.
        Files.writeString(completions.resolve("distreboot"), AutoComplete.bash("distreboot", command)
                .replaceFirst("\\A#!.*\n", ""));
        Files.writeString(out.resolve("distreboot.properties"), defaultProperties());
        Gzip.write(out.resolve("changelog.gz"), changelog(args.length > 1 ? args[1] : Version.current()));
    }

    /** Debian's changelog of this native package: one entry, for the version being built. */
    static String changelog(String version) {
        String debianVersion = version.toLowerCase(Locale.ROOT).replace('-', '~');
        return "distreboot (" + debianVersion + ") unstable; urgency=medium\n\n"
                + "  * Release " + debianVersion + ": see /usr/share/doc/distreboot/README.md.\n\n"
                + " -- distreboot developers <distreboot@example.org>  "
                + DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
                        .format(ZonedDateTime.now(ZoneOffset.UTC)) + "\n";
    }

    static String manPage(CommandSpec spec) throws IOException {
        Map<String, String> prose = sections();
        StringBuilder man = new StringBuilder()
                .append(".TH DISTREBOOT 8 \"").append(LocalDate.now()).append("\" \"distreboot ")
                .append(Version.current()).append("\" \"System Administration\"\n")
                .append(".SH NAME\ndistreboot \\- distributed cluster reboot, one node at a time, the master last\n")
                .append(".SH SYNOPSIS\n.B distreboot\n")
                .append(escape("[--start [--node=DIR] [--set-property KEY=VALUE]... | --stop | --reboot | --dry-run "
                        + "| --cancel | --pause | --resume | --watch | --drop=NODE] [--all] [--json]"))
                .append('\n');
        section(man, "DESCRIPTION", prose);
        man.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            man.append(".TP\n.B ").append(escape(String.join(", ", option.names())
                    + (option.paramLabel().isEmpty() || option.arity().max() == 0 ? "" : "=" + option.paramLabel())))
                    .append('\n').append(escape(String.join(" ", option.description()))).append('\n');
        }
        for (String title : List.of("SYSTEM STARTUP", "SYSTEM SHUTDOWN", "CURRENT STATUS", "FORCIBLY EJECTING A NODE",
                "REBOOTING, FOR REAL OR JUST KIDDING", "CANCELLING A DISTRIBUTED REBOOT IN PROGRESS", "A STALLED REBOOT")) {
            section(man, title, prose);
        }
        man.append(".SH PROPERTIES\nRead from the --node directory, else /usr/local/etc, else /etc; "
                + "--set-property KEY=VALUE overrides a key for one run. Unknown keys and malformed values are errors "
                + "that name the key. Durations are written 500ms, 5s, 30m, 24h or 1d.\n");
        for (PropertyKey key : PropertyKey.values()) {
            man.append(".TP\n.B ").append(escape(key.key)).append('\n').append(escape(key.meaning))
                    .append(key.fallback == null ? "" : escape(" Default: " + key.fallback + ".")).append('\n');
        }
        man.append(".SH EXIT STATUS\n");
        spec.usageMessage().exitCodeList().forEach((code, meaning) -> man.append(".TP\n.B ").append(code.strip())
                .append('\n').append(escape(meaning)).append('\n'));
        section(man, "FILES", prose);
        return man.append(".SH SEE ALSO\n.BR systemctl (1),\n.BR reboot (8)\n").toString();
    }

    static String defaultProperties() {
        StringBuilder text = new StringBuilder("""
                # /etc/distreboot.properties: the configuration of the distreboot daemon and command.
                # Commands in this file run as root: owned by root and not writable by others, or it is refused.
                # Every key is shown with its default (commented out); unknown keys are errors.

                """);
        for (PropertyKey key : PropertyKey.values()) {
            text.append("# ").append(key.meaning).append('\n')
                    .append("#").append(key.key).append('=').append(key.fallback == null ? "" : key.fallback)
                    .append("\n\n");
        }
        return text.toString();
    }

    private static void section(StringBuilder man, String title, Map<String, String> prose) {
        man.append(".SH ").append(escape(title)).append('\n');
        for (String paragraph : prose.get(title).split("\n\n")) {
            man.append(".PP\n").append(escape(paragraph.strip())).append('\n');
        }
    }

    /** The manual's prose, by section ("## TITLE" lines). */
    private static Map<String, String> sections() throws IOException {
        String text;
        try (InputStream in = Docs.class.getResourceAsStream("/docs/manual.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> sections = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        String title = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (title != null) {
                    sections.put(title, String.join("\n", lines).strip());
                }
                title = line.substring(3).strip();
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        sections.put(title, String.join("\n", lines).strip());
        return sections;
    }

    /** troff: backslashes doubled, hyphens as \-, no line starting with a dot or quote. */
    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
