package dev.portico.autoinvite.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.autoinvite.condition.Condition;
import dev.portico.autoinvite.condition.ConditionCompiler;
import dev.portico.autoinvite.condition.Facts;
import dev.portico.autoinvite.domain.AutoInviteConfig;
import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import dev.portico.autoinvite.domain.FailureLog;
import dev.portico.autoinvite.settings.AutoInviteSettings;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Auto-invite configurations of a portal: saved only when valid against the portal's user types and its module's
 * metadata (every problem reported at once, each with its JSON path), listed, edited, paused, resumed, deleted,
 * and tried on a sample record.
 */
@ApplicationScoped
public class AutoInviteService {

    public static final Set<String> TRIGGERS = Set.of("CREATE", "UPDATE");
    public static final Set<String> LANGUAGE_MODES = Set.of("SINGLE", "MULTIPLE");
    static final int MAX_RULES = 50;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    @Inject
    AutoInviteConfigRepository configs;

    @Inject
    ConfigDirectory directory;

    @Inject
    FailureLog failureLog;

    @Inject
    CompiledConfigs compiled;

    @Inject
    EnabledConfigs enabledConfigs;

    @Inject
    AutoInviteSettings settings;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /** A configuration as written by the client, not yet checked. */
    public record Draft(String name, UUID userTypeId, List<String> triggers, JsonNode commonCondition,
            String languageMode, List<DraftRule> rules, Boolean enabled) {
    }

    public record DraftRule(String language, JsonNode condition) {
    }

    @Transactional
    public Page<AutoInviteConfig> list(String orgId, UUID portalId, PageRequest page) {
        requirePortal(orgId, portalId);
        return configs.ofPortal(orgId, portalId, page);
    }

    @Transactional
    public AutoInviteConfig get(String orgId, UUID portalId, UUID configId) {
        requirePortal(orgId, portalId);
        return find(orgId, portalId, configId, false);
    }

    @Transactional
    public AutoInviteConfig create(String orgId, UUID portalId, Draft draft) {
        ConfigEvent.Portal portal = requirePortal(orgId, portalId);
        AutoInviteConfig config = new AutoInviteConfig();
        config.id = UUID.randomUUID();
        config.orgId = orgId;
        config.portalId = portalId;
        config.createdAt = now();
        apply(config, portal, draft);
        config.enabled = draft.enabled() == null || draft.enabled();
        configs.persist(config);
        enabledConfigs.changing(orgId);
        return config;
    }

    @Transactional
    public AutoInviteConfig update(String orgId, UUID portalId, UUID configId, Draft draft) {
        ConfigEvent.Portal portal = requirePortal(orgId, portalId);
        AutoInviteConfig config = find(orgId, portalId, configId, true);
        apply(config, portal, draft);
        if (draft.enabled() != null) {
            config.enabled = draft.enabled();
        }
        enabledConfigs.changing(orgId);
        return config;
    }

    @Transactional
    public AutoInviteConfig enable(String orgId, UUID portalId, UUID configId, boolean enabled) {
        requirePortal(orgId, portalId);
        AutoInviteConfig config = find(orgId, portalId, configId, true);
        if (config.enabled != enabled) {
            config.enabled = enabled;
            config.updatedAt = later(config.updatedAt);
            enabledConfigs.changing(orgId);
        }
        return config;
    }

    @Transactional
    public void delete(String orgId, UUID portalId, UUID configId) {
        requirePortal(orgId, portalId);
        configs.delete(find(orgId, portalId, configId, true));
        compiled.forget(configId);
        enabledConfigs.changing(orgId);
    }

    @Transactional
    public Page<FailureLog.Row> failures(String orgId, UUID portalId, UUID configId, String reason, Instant from,
            Instant to, PageRequest page) {
        requirePortal(orgId, portalId);
        return failureLog.of(orgId, portalId, new FailureLog.Filter(configId, reason, from, to), page);
    }

    /** Evaluates a sample record against the configuration as saved; requests nothing. */
    @Transactional
    public DryRun dryRun(String orgId, UUID portalId, UUID configId, Map<String, Object> record,
            List<String> changedFields) {
        requirePortal(orgId, portalId);
        AutoInviteConfig config = find(orgId, portalId, configId, false);
        CompiledConfig compiledConfig = compiled.of(config);
        Facts facts = new Facts(record, changedFields == null ? Set.of() : Set.copyOf(changedFields));
        Condition.Outcome common = compiledConfig.common() == null ? Condition.Outcome.MATCHED
                : compiledConfig.common().test(facts);
        List<DryRun.RuleRun> runs = new ArrayList<>();
        Integer matched = null;
        for (int i = 0; i < compiledConfig.rules().size(); i++) {
            CompiledConfig.Rule rule = compiledConfig.rules().get(i);
            Condition.Outcome outcome = rule.test(facts);
            runs.add(new DryRun.RuleRun(i, rule.language(), outcome));
            if (matched == null && outcome.matched()) {
                matched = i;
            }
        }
        String language = matched == null ? null : compiledConfig.rules().get(matched).language();
        return new DryRun(config.id, config.enabled, common, runs, matched, language,
                config.enabled && common.matched() && matched != null);
    }

    private void apply(AutoInviteConfig config, ConfigEvent.Portal portal, Draft draft) {
        List<FieldError> errors = new ArrayList<>();
        String orgId = config.orgId;
        UUID portalId = config.portalId;
        if (draft.name() == null || draft.name().isBlank()) {
            errors.add(new FieldError("name", "is required (1 to 200 characters)", AutoInviteProblems.NAME_REQUIRED));
        } else if (draft.name().length() > 200) {
            errors.add(new FieldError("name", "is at most 200 characters (" + draft.name().length() + " given)",
                    AutoInviteProblems.NAME_TOO_LONG));
        }
        if (draft.userTypeId() == null) {
            errors.add(new FieldError("userTypeId", "is required", AutoInviteProblems.USER_TYPE_REQUIRED));
        } else if (directory.userType(orgId, portalId, draft.userTypeId()).isEmpty()) {
            errors.add(new FieldError("userTypeId", "is not a user type of this portal",
                    AutoInviteProblems.USER_TYPE_NOT_FOUND));
        }
        List<String> triggers = triggers(draft.triggers(), errors);
        String mode = draft.languageMode() == null ? null : draft.languageMode().toUpperCase(Locale.ROOT);
        if (mode == null || !LANGUAGE_MODES.contains(mode)) {
            errors.add(new FieldError("languageMode", "must be SINGLE or MULTIPLE",
                    AutoInviteProblems.UNKNOWN_LANGUAGE_MODE));
        }
        Map<String, String> fieldTypes = fieldTypes(orgId, portal.module());
        ConditionCompiler compiler = new ConditionCompiler(fieldTypes, errors);
        if (draft.commonCondition() != null && !draft.commonCondition().isNull()) {
            compiler.compile(draft.commonCondition(), "commonCondition");
        }
        ArrayNode rules = rules(draft.rules(), mode, compiler, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(AutoInviteProblems.INVALID_AUTO_INVITE,
                    "The auto-invite configuration has " + errors.size() + " problem(s); see errors.", errors);
        }
        config.name = draft.name().trim();
        config.userTypeId = draft.userTypeId();
        config.triggers = triggers.toArray(new String[0]);
        config.commonCondition = draft.commonCondition() == null || draft.commonCondition().isNull() ? null
                : write(draft.commonCondition());
        config.languageMode = mode;
        config.rules = write(rules);
        config.module = portal.module();
        config.fieldTypes = write(fieldTypes);
        config.updatedAt = config.updatedAt == null ? config.createdAt : later(config.updatedAt);
    }

    private static List<String> triggers(List<String> requested, List<FieldError> errors) {
        List<String> triggers = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("triggers", "must list CREATE, UPDATE or both", AutoInviteProblems.TRIGGERS_REQUIRED));
            return triggers;
        }
        for (int i = 0; i < requested.size(); i++) {
            String trigger = requested.get(i) == null ? null : requested.get(i).toUpperCase(Locale.ROOT);
            if (trigger == null || !TRIGGERS.contains(trigger)) {
                errors.add(new FieldError("triggers[" + i + "]", "must be CREATE or UPDATE", AutoInviteProblems.UNKNOWN_TRIGGER));
            } else if (triggers.contains(trigger)) {
                errors.add(new FieldError("triggers[" + i + "]", "repeats " + trigger, AutoInviteProblems.DUPLICATE_TRIGGER));
            } else {
                triggers.add(trigger);
            }
        }
        return triggers;
    }

    private ArrayNode rules(List<DraftRule> rules, String mode, ConditionCompiler compiler, List<FieldError> errors) {
        ArrayNode stored = mapper.createArrayNode();
        if (rules == null || rules.isEmpty()) {
            errors.add(new FieldError("rules", "must list at least one rule", AutoInviteProblems.RULES_REQUIRED));
            return stored;
        }
        if ("SINGLE".equals(mode) && rules.size() > 1) {
            errors.add(new FieldError("rules", "SINGLE takes exactly one rule, not " + rules.size(),
                    AutoInviteProblems.SINGLE_NEEDS_ONE_RULE));
        }
        if (rules.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "may list at most " + MAX_RULES + " rules", AutoInviteProblems.TOO_MANY_RULES));
            return stored;
        }
        Map<String, Integer> languages = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            DraftRule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "must be {language, condition}", ConditionCompiler.INVALID_CONDITION));
                continue;
            }
            String language = language(rule.language());
            if (language == null) {
                errors.add(new FieldError(path + ".language", "must be one of " + settings.languages()
                        + " (a tag such as pt-BR is fine)", AutoInviteProblems.UNSUPPORTED_LANGUAGE));
            } else {
                Integer first = languages.putIfAbsent(language.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    errors.add(new FieldError(path + ".language", "repeats the language of rules[" + first + "]",
                            AutoInviteProblems.DUPLICATE_LANGUAGE));
                }
            }
            boolean hasCondition = rule.condition() != null && !rule.condition().isNull();
            if (hasCondition) {
                compiler.compile(rule.condition(), path + ".condition");
            }
            ObjectNode node = stored.addObject();
            node.put("language", language == null ? rule.language() : language);
            if (hasCondition) {
                node.set("condition", rule.condition());
            }
        }
        return stored;
    }

    /** The tag as given (e.g. fr, pt-BR) when its primary language is supported; null otherwise. */
    private String language(String tag) {
        if (tag == null || !LANGUAGE_TAG.matcher(tag).matches()) {
            return null;
        }
        String primary = tag.split("-")[0].toLowerCase(Locale.ROOT);
        return settings.languages().contains(primary) ? tag : null;
    }

    private Map<String, String> fieldTypes(String orgId, String module) {
        ConfigEvent.Module metadata = directory.module(orgId, module).orElseThrow(() -> ProblemException.invalid(
                AutoInviteProblems.MODULE_NOT_FOUND, "module",
                "The metadata of the portal's module " + module + " is not known; conditions cannot be checked."));
        Map<String, String> types = new LinkedHashMap<>();
        if (metadata.fields() != null) {
            metadata.fields().forEach(f -> types.put(f.name(), f.type()));
        }
        return types;
    }

    private ConfigEvent.Portal requirePortal(String orgId, UUID portalId) {
        return directory.portal(orgId, portalId).orElseThrow(AutoInviteProblems::portalNotFound);
    }

    private AutoInviteConfig find(String orgId, UUID portalId, UUID configId, boolean lock) {
        AutoInviteConfig config = lock ? configs.findById(configId, LockModeType.PESSIMISTIC_WRITE)
                : configs.findById(configId);
        if (config == null || !config.orgId.equals(orgId) || !config.portalId.equals(portalId)) {
            throw AutoInviteProblems.configNotFound();
        }
        return config;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** A new updatedAt, strictly after the previous one so that the compiled-condition cache sees the change. */
    private Instant later(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
