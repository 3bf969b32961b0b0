package dev.portico.config.rest;

import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemMappers;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 405 instead of 404 for a method a path does not support. RESTEasy Reactive only notices an unsupported
 * method in the last resource class whose path prefix matches, so {@code PUT /portals/{id}/user-types/{typeId}}
 * (two classes share {@code /portals}) came back 404. This mapper sees the 404 and checks the path against the
 * service's resource templates.
 */
public class MethodNotAllowedMapper {

    private static final List<Class<?>> RESOURCES = List.of(OrgResource.class, ModuleResource.class,
            PortalResource.class, PortalUrlResource.class, UserTypeResource.class);
    private static final Map<Pattern, Set<String>> ALLOWED = templates();

    @ConfigProperty(name = "quarkus.rest.path", defaultValue = "/")
    String restPath;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, Request request) {
        String path = uri.getPath();
        String prefix = restPath.endsWith("/") ? restPath.substring(0, restPath.length() - 1) : restPath;
        if (!prefix.isEmpty() && path.startsWith(prefix + "/")) {
            path = path.substring(prefix.length());
        }
        for (Map.Entry<Pattern, Set<String>> template : ALLOWED.entrySet()) {
            if (template.getKey().matcher(path).matches() && !template.getValue().contains(request.getMethod())) {
                Response problem = ProblemMappers.respond(405, ProblemCodes.METHOD_NOT_ALLOWED,
                        "This method is not allowed on this resource.", null, null);
                return Response.fromResponse(problem)
                        .header(HttpHeaders.ALLOW, String.join(", ", template.getValue())).build();
            }
        }
        return ProblemMappers.respond(404, ProblemCodes.NOT_FOUND, "No such resource.", null, null);
    }

    private static Map<Pattern, Set<String>> templates() {
        Map<String, Set<String>> byPath = new LinkedHashMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = (base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                byPath.computeIfAbsent(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1)
                        : path, p -> new TreeSet<>()).add(http);
            }
        }
        Map<Pattern, Set<String>> patterns = new LinkedHashMap<>();
        byPath.forEach((path, methods) -> {
            if (methods.contains(HttpMethod.GET)) {
                methods.add(HttpMethod.HEAD);
            }
            methods.add(HttpMethod.OPTIONS);
            patterns.put(Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+") + "/?"), methods);
        });
        return patterns;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
