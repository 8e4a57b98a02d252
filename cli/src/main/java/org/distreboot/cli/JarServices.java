package org.distreboot.cli;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Micronaut's services (the bean definitions of the command and the daemon, its own converters
 * and property source loaders) read from the entries of the one jar the package runs, as the JDK
 * already holds them, and handed to Micronaut as its ahead-of-time optimisations are: else it opens
 * the 22,000-entry jar a second time, as a file system, to list one directory, which costs each
 * command about 30 ms. Run from classes (the tests), Micronaut looks for them itself.
 */
final class JarServices {
    private static final String MICRONAUT_SERVICES = "META-INF/micronaut/";
    private static final String JAVA_SERVICES = "META-INF/services/";
    private static final SoftServiceLoader.StaticServiceLoader<?> NONE = condition -> Stream.empty();
    private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);

    private JarServices() {
    }

    /** Before any Micronaut class is used: Micronaut reads its optimisations once. */
    static void index() {
        Path jar;
        try {
            jar = Path.of(JarServices.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return;
        }
        if (!jar.toString().endsWith(".jar")) {
            return;
        }
        Map<String, List<String>> services = new HashMap<>();
        try (JarFile entries = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(entries.entries())) {
                String name = entry.getName();
                if (name.startsWith(MICRONAUT_SERVICES) && !name.endsWith("/")) {
                    String[] typeAndService = name.substring(MICRONAUT_SERVICES.length()).split("/");
                    if (typeAndService.length == 2) {
                        add(services, typeAndService[0], typeAndService[1]);
                    }
                } else if (name.startsWith(JAVA_SERVICES + "io.micronaut.")) {
                    try (InputStream file = entries.getInputStream(entry)) {
                        new String(file.readAllBytes(), StandardCharsets.UTF_8).lines()
                                .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                                .forEach(service -> add(services, name.substring(JAVA_SERVICES.length()), service));
                    }
                }
            }
        } catch (IOException e) {
            return;
        }
        // Every service the jar holds is above: a type Micronaut asks for that is not has none.
        Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders = new HashMap<>() {
            @Override
            public SoftServiceLoader.StaticServiceLoader<?> get(Object type) {
                return getOrDefault(type, NONE);
            }
        };
        services.forEach((type, names) -> loaders.put(type, loader(names)));
        StaticOptimizations.set(new SoftServiceLoader.Optimizations(loaders));
    }

    private static void add(Map<String, List<String>> services, String type, String service) {
        List<String> of = services.computeIfAbsent(type, any -> new ArrayList<>());
        if (!of.contains(service)) {
            of.add(service);
        }
    }

    private static <S> SoftServiceLoader.StaticServiceLoader<S> loader(List<String> names) {
        return condition -> names.stream().filter(condition)
                .flatMap(name -> JarServices.<S>definition(name).stream());
    }

    /**
     * The service {@code name}, made as Micronaut asks for the services of its type; none when its
     * class or what it needs cannot load (an optional library absent, as Micronaut's own scan skips it).
     */
    private static <S> List<SoftServiceLoader.StaticDefinition<S>> definition(String name) {
        try {
            Class<?> type = Class.forName(name, false, JarServices.class.getClassLoader());
            @SuppressWarnings("unchecked")
            S service = (S) MethodHandles.publicLookup().findConstructor(type, NO_ARGUMENTS).invoke();
            return List.of(SoftServiceLoader.StaticDefinition.of(name, () -> service));
        } catch (ClassNotFoundException | LinkageError | NoSuchMethodException | IllegalAccessException e) {
            return List.of();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make " + name + ": " + e.getMessage(), e);
        }
    }
}
