package concurrencyclaims.lab;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM side of a student's Java file, in the JSON-line protocol of python/lab_driver.py: loads the student's
 * class, then calls its public static methods with the harness's arguments, in their order (whole numbers only),
 * after restarting {@link Labkit}'s streams from the request's "seed" when it has one. The
 * student's System.out goes to stderr; the protocol keeps stdout. Its own JSON is written by hand: the child's class
 * path holds the harness's classes and the student's, no libraries.
 */
public final class JavaLabChild {
    private static final Pattern CALL = Pattern.compile("\"call\"\\s*:\\s*\"([A-Za-z_$][A-Za-z0-9_$]*)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(-?\\d+)");
    private static final Pattern SEED = Pattern.compile("\"seed\"\\s*:\\s*(-?\\d+)");

    private JavaLabChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        String file = args[0] + ".java";
        Class<?> student;
        try {
            student = Class.forName(args[0]);
        } catch (Throwable e) {
            protocol.println(error(e, file));
            System.exit(1);
            return;
        }
        protocol.println("{\"ready\": true}");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            protocol.println(call(student, line, file));
        }
        System.exit(0);
    }

    private static String call(Class<?> student, String request, String file) {
        Matcher name = CALL.matcher(request);
        if (!name.find()) {
            return "{\"error\": \"bad request\", \"where\": \"" + file + "\"}";
        }
        // The arguments are the flat object after "args"; a "seed" outside it restarts Labkit's streams.
        int args = request.indexOf("\"args\"");
        int open = args < 0 ? -1 : request.indexOf('{', args);
        int close = open < 0 ? -1 : request.indexOf('}', open);
        if (close < 0) {
            return "{\"error\": \"bad request\", \"where\": \"" + file + "\"}";
        }
        List<Long> values = new ArrayList<>();
        Matcher argument = ARGUMENT.matcher(request.substring(open, close + 1));
        while (argument.find()) {
            values.add(Long.parseLong(argument.group(2)));
        }
        Matcher seed = SEED.matcher(request.substring(0, args) + request.substring(close + 1));
        if (seed.find()) {
            Labkit.reset(Long.parseLong(seed.group(1)));
        }
        Method method = null;
        for (Method m : student.getMethods()) {
            if (m.getName().equals(name.group(1)) && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == values.size()) {
                method = m;
            }
        }
        if (method == null) {
            return "{\"error\": \"there is no public static method " + name.group(1) + " with " + values.size()
                    + " parameters in it\", \"where\": \"" + file + "\"}";
        }
        Object[] arguments = new Object[values.size()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = types[i] == int.class ? (Object) values.get(i).intValue() : values.get(i);
        }
        try {
            Object result = method.invoke(null, arguments);
            if (!(result instanceof Long || result instanceof Integer)) {
                return "{\"error\": \"" + name.group(1) + " returned " + escape(String.valueOf(result))
                        + ", not a long\", \"where\": \"" + file + "\"}";
            }
            return "{\"result\": " + ((Number) result).longValue() + "}";
        } catch (InvocationTargetException e) {
            return error(e.getCause(), file);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return error(e, file);
        }
    }

    /** The error as {"error", "where"}: where = the deepest line of the student's file in its stack trace. */
    private static String error(Throwable e, String file) {
        Throwable root = e instanceof ExceptionInInitializerError init && init.getCause() != null ? init.getCause() : e;
        String where = file;
        for (StackTraceElement frame : root.getStackTrace()) {
            if (file.equals(frame.getFileName())) {
                where = file + ":" + frame.getLineNumber();
                break;
            }
        }
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return "{\"error\": \"" + escape(message) + "\", \"where\": \"" + where + "\"}";
    }

    private static String escape(String text) {
        String line = text.lines().findFirst().orElse("");
        StringBuilder out = new StringBuilder();
        for (char c : (line.length() > 300 ? line.substring(0, 300) : line).toCharArray()) {
            out.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? " " : String.valueOf(c));
        }
        return out.toString();
    }
}
