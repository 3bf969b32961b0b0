package dev.portico.autoinvite.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.autoinvite.condition.Condition;
import dev.portico.autoinvite.condition.ConditionCompiler;
import dev.portico.autoinvite.domain.AutoInviteConfig;
import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled conditions per configuration, rebuilt only when the configuration's {@code updatedAt} moves: events
 * are tested against compiled trees, never against parsed JSON. Each replica keeps its own cache; the
 * configuration rows stay the truth ({@link EnabledConfigs} learns of every change to them), so an edit on any
 * replica applies from the next event.
 */
@ApplicationScoped
public class CompiledConfigs {

    private static final TypeReference<Map<String, String>> FIELD_TYPES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    @Inject
    AutoInviteConfigRepository configs;

    private final Map<UUID, CompiledConfig> cache = new ConcurrentHashMap<>();

    public CompiledConfig of(AutoInviteConfig config) {
        CompiledConfig cached = cache.get(config.id);
        if (cached != null && cached.updatedAt().equals(config.updatedAt)) {
            return cached;
        }
        CompiledConfig compiled = compile(config);
        cache.put(config.id, compiled);
        return compiled;
    }

    /** The compiled conditions of this version of a configuration; its row is read only when not cached. */
    public CompiledConfig of(AutoInviteConfigRepository.Head head) {
        CompiledConfig cached = cache.get(head.id());
        if (cached != null && cached.updatedAt().equals(head.updatedAt())) {
            return cached;
        }
        AutoInviteConfig config = configs.findById(head.id());
        if (config == null) {
            throw new IllegalStateException("Configuration " + head.id() + " vanished during evaluation");
        }
        return of(config);
    }

    public void forget(UUID configId) {
        cache.remove(configId);
    }

    private CompiledConfig compile(AutoInviteConfig config) {
        try {
            Map<String, String> types = mapper.readValue(config.fieldTypes, FIELD_TYPES);
            Condition common = config.commonCondition == null ? null
                    : ConditionCompiler.trusted(mapper.readTree(config.commonCondition), "commonCondition", types);
            List<CompiledConfig.Rule> rules = new ArrayList<>();
            JsonNode stored = mapper.readTree(config.rules);
            for (int i = 0; i < stored.size(); i++) {
                JsonNode condition = stored.get(i).get("condition");
                rules.add(new CompiledConfig.Rule(stored.get(i).path("language").asText(),
                        condition == null || condition.isNull() ? null
                                : ConditionCompiler.trusted(condition, "rules[" + i + "].condition", types)));
            }
            return new CompiledConfig(config.id, config.updatedAt, Set.of(config.triggers), common, List.copyOf(rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored configuration " + config.id + " is not readable", e);
        }
    }
}
