package org.distreboot.client.config;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverter;
import io.micronaut.core.convert.TypeConverterRegistrar;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distreboot.workflow.Durations;

/**
 * How the values of distreboot.properties ({@link PropertyValue}s) become the types of its records:
 * as strictly as the manual asks (1h30m is a duration, 'maybe' is not a yes-or-no), each failure a
 * {@link PropertyProblem} naming the key.
 */
public final class PropertyConverters implements TypeConverterRegistrar {
    /** metrics.listen: a host name or IPv4 address, or an IPv6 one in brackets, then a port. */
    private static final Pattern LISTEN_ADDRESS = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^\\s:\\[\\]/]+)):(\\d{1,5})");

    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(PropertyValue.class, String.class, PropertyValue::text);
        conversions.addConverter(PropertyValue.class, Path.class, value -> Path.of(value.text()));
        conversions.addConverter(PropertyValue.class, Duration.class, converter(PropertyConverters::duration));
        conversions.addConverter(PropertyValue.class, Integer.class, converter(PropertyConverters::count));
        conversions.addConverter(PropertyValue.class, int.class, converter(PropertyConverters::count));
        conversions.addConverter(PropertyValue.class, Boolean.class, converter(PropertyConverters::yesOrNo));
        conversions.addConverter(PropertyValue.class, boolean.class, converter(PropertyConverters::yesOrNo));
        conversions.addConverter(PropertyValue.class, URI.class, converter(PropertyConverters::webhook));
        conversions.addConverter(PropertyValue.class, InetSocketAddress.class, converter(PropertyConverters::listenAddress));
    }

    /** A positive duration (500ms, 5s, 30m, 1h30m, 1d), or with {@link MayBeZero} one that may be 0. */
    static Duration duration(Bound key, String value) {
        boolean zeroAllowed = key.has(MayBeZero.class);
        if (zeroAllowed && value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration duration = Durations.parse(value);
            if (duration.isNegative() || !zeroAllowed && duration.isZero()) {
                throw key.bad((zeroAllowed ? "must not be negative" : "must be positive") + ", not '" + value + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw key.bad("'" + value + "' is not a duration (examples: "
                    + (zeroAllowed ? "0, 30s, 5m, 1h" : "500ms, 5s, 30m, 1h30m, 1d") + ")");
        }
    }

    /** A whole number, at least its {@link AtLeast} (else 0). */
    static Integer count(Bound key, String value) {
        int least = key.least();
        try {
            int count = Integer.parseInt(value);
            if (count >= least) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw key.bad("'" + value + "' is not a whole number of at least " + least);
    }

    static Boolean yesOrNo(Bound key, String value) {
        return switch (value.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw key.bad("'" + value + "' is not true or false");
        };
    }

    /** An http or https address with a host; its path and query (a webhook's token) never appear in an error. */
    static URI webhook(Bound key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw key.bad("not an http:// or https:// address with a host");
    }

    /** host:port or [v6]:port, the host required: a daemon never serves on every interface unasked. */
    static InetSocketAddress listenAddress(Bound key, String value) {
        Matcher at = LISTEN_ADDRESS.matcher(value);
        if (at.matches()) {
            int port = Integer.parseInt(at.group(3));
            if (port > 0 && port <= 65535) {
                return InetSocketAddress.createUnresolved(at.group(1) != null ? at.group(1) : at.group(2), port);
            }
        }
        throw key.bad("'" + value + "' is not an address and a port to listen on, as 127.0.0.1:9464 or [::]:9464");
    }

    private static <T> TypeConverter<PropertyValue, T> converter(BiFunction<Bound, String, T> convert) {
        return (value, type, context) -> Optional.of(convert.apply(new Bound(value.key(), context), value.text()));
    }

    /** The key a value is bound to, and the bounds its record puts on it. */
    record Bound(String key, ConversionContext context) {

        boolean has(Class<? extends Annotation> bound) {
            return context instanceof ArgumentConversionContext<?> argument
                    && argument.getAnnotationMetadata().hasAnnotation(bound);
        }

        int least() {
            return context instanceof ArgumentConversionContext<?> argument
                    ? argument.getAnnotationMetadata().intValue(AtLeast.class).orElse(0) : 0;
        }

        PropertyProblem bad(String problem) {
            return PropertyProblem.badValue(key, problem);
        }
    }
}
