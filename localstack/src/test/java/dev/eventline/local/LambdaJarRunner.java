package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in for the Lambda Java runtime (aws-lambda-java-runtime-interface-client), run in a fresh
 * JVM by {@link LambdaJarsTest}: it invokes one deployment jar exactly as that runtime would, so what
 * a shrinker dropped from the jar fails here and not only on AWS. Its class path is what the runtime's
 * own is: aws-lambda-java-core, the runtime's event serializer (aws-lambda-java-serialization, which
 * the runtime bundles) and this class; the function's code comes from the jar alone, through a
 * {@link URLClassLoader} whose parent is the system class loader (the runtime's
 * {@code CustomerClassLoader}).
 *
 * <p>As the runtime's {@code EventHandlerLoader} does for a {@code Class::method} handler: the public
 * methods of that name are ordered non-bridge first, then by length (a trailing {@link Context}
 * counting one more), so {@code (InputStream, OutputStream, Context)} wins over {@code (T, Context)};
 * the class is initialised and built with its public no-argument constructor (configuration from the
 * process environment); a {@code T} the runtime knows as a Lambda event is read by its event
 * serializer (mix-ins, loaded through the function's class loader, with the jar's event classes), any
 * other type by its Jackson; the answer is written the same way.
 *
 * <p>Arguments: jar path, handler ({@code <class>::handleRequest}), event file. The response JSON goes
 * to stdout; everything the function prints goes to stderr; any {@link Throwable} exits with status 1
 * and its stack trace.
 */
public final class LambdaJarRunner {
    /** What a function gets as remaining time: Lambda's default timeout would be 3 s, the templates give more. */
    private static final long DEADLINE_MILLIS = 60_000;

    private LambdaJarRunner() {}

    public static void main(String[] args) {
        PrintStream response = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // the runtime sends a function's own output to its log, never into the response
        System.setOut(System.err);
        try {
            if (args.length != 3) {
                throw new IllegalArgumentException("arguments: <jar> <class>::<method> <event file>");
            }
            byte[] answer = invoke(Path.of(args[0]), args[1], Files.readAllBytes(Path.of(args[2])));
            response.print(new String(answer, StandardCharsets.UTF_8));
            response.flush();
            System.exit(0);
        } catch (Throwable failure) {
            Throwable shown = failure instanceof InvocationTargetException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause()
                    : failure;
            shown.printStackTrace(System.err);
            System.err.flush();
            System.exit(1);
        }
    }

    private static byte[] invoke(Path jar, String handler, byte[] event) throws Exception {
        int separator = handler.indexOf("::");
        if (separator < 0) {
            throw new IllegalArgumentException("the handler is <class>::<method> as CDK sets it, was " + handler);
        }
        String className = handler.substring(0, separator);
        String methodName = handler.substring(separator + 2);
        URLClassLoader functionLoader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(functionLoader);
        Class<?> type = Class.forName(className, true, functionLoader);
        Method method = handlerMethod(type, methodName);
        Object instance = Modifier.isStatic(method.getModifiers())
                ? null
                : type.getConstructor().newInstance();
        Context context = context(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", type.getSimpleName()));
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length == 3) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            method.invoke(instance, new ByteArrayInputStream(event), output, context);
            return output.toByteArray();
        }
        Object input = serializer(method.getGenericParameterTypes()[0], functionLoader)
                .fromJson(new ByteArrayInputStream(event));
        Object result =
                parameters.length == 2 ? method.invoke(instance, input, context) : method.invoke(instance, input);
        if (method.getReturnType() == void.class) {
            return new byte[0];
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        serializer(method.getGenericReturnType(), functionLoader).toJson(result, output);
        return output.toByteArray();
    }

    /** The overload the runtime picks; only the shapes Eventline's handlers have are accepted. */
    private static Method handlerMethod(Class<?> type, String name) {
        Comparator<Method> runtimeOrder = Comparator.<Method, Boolean>comparing(Method::isBridge)
                .thenComparing(Comparator.comparingInt(LambdaJarRunner::weight).reversed());
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(name))
                .sorted(runtimeOrder)
                .toList();
        for (Method method : candidates) {
            Class<?>[] p = method.getParameterTypes();
            boolean stream =
                    p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
            boolean pojo = (p.length == 2 && p[1] == Context.class && !isRuntimeType(p[0]))
                    || (p.length == 1 && !isRuntimeType(p[0]));
            if (stream || pojo) {
                return method;
            }
        }
        throw new IllegalStateException("no public method " + name + " with a signature the runtime takes on " + type);
    }

    private static int weight(Method method) {
        Class<?>[] p = method.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
    }

    private static boolean isRuntimeType(Class<?> type) {
        return type == InputStream.class || type == OutputStream.class || type == Context.class;
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader functionLoader) {
        if (type instanceof Class<?> event && LambdaEventSerializers.isLambdaSupportedEvent(event.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) event, functionLoader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static Context context(String functionName) {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
        // not LocalContext: the runner's class path holds only the JDK and the runtime's libraries, as Lambda's does
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/" + functionName;
            }

            @Override
            public String getLogStreamName() {
                return "lambda-jar-runner";
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, deadline - System.currentTimeMillis());
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return logger;
            }
        };
    }
}
