package dev.portico.config.service;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.Limits;
import dev.portico.config.domain.ModuleAccess;
import dev.portico.config.domain.Org;
import dev.portico.config.domain.OrgRepository;
import dev.portico.config.domain.Portal;
import dev.portico.config.domain.PortalRepository;
import dev.portico.config.domain.PortalSlug;
import dev.portico.config.domain.PortalSlugRepository;
import dev.portico.config.domain.UserType;
import dev.portico.config.domain.UserTypeRepository;
import dev.portico.config.messaging.ConfigEventPublisher;
import dev.portico.config.settings.ConfigServiceConfig;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PortalService {

    @Inject
    PortalRepository portals;

    @Inject
    PortalSlugRepository slugs;

    @Inject
    UserTypeRepository userTypes;

    @Inject
    OrgRepository orgs;

    @Inject
    ModuleCatalog catalog;

    @Inject
    EditionPolicy policy;

    @Inject
    ConfigEventPublisher events;

    @Inject
    MetadataLock metadataLock;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    public Page<PortalView> list(String orgId, PageRequest page) {
        Page<Portal> found = portals.page(orgId, page);
        Map<UUID, List<String>> aliases = slugs.aliasesOf(found.items().stream().map(p -> p.id).toList());
        return found.map(p -> new PortalView(p, url(p.slug), aliases.getOrDefault(p.id, List.of())));
    }

    public PortalView get(String orgId, UUID id) {
        return view(portals.ofOrg(orgId, id).orElseThrow(ConfigProblems::portalNotFound));
    }

    @Transactional
    public PortalView create(String orgId, NewPortal request) {
        Instant now = Instant.now(clock);
        Org org = orgs.lock(orgId).orElseGet(() -> Org.unconfigured(orgId, now));
        Limits limits = policy.limits(org, now);
        if (!limits.createPortals()) {
            if (org.trialActive(now)) {
                throw ProblemException.conflict("PORTAL_LIMIT_REACHED",
                        "A trial has just its default portal; subscribe to ENTERPRISE or ULTIMATE for more.");
            }
            throw ConfigProblems.editionNotSupported("The " + org.edition + " edition cannot create portals.");
        }
        if (limits.portals() != null && portals.countOfOrg(orgId) >= limits.portals()) {
            throw ProblemException.conflict("PORTAL_LIMIT_REACHED",
                    "The " + org.edition + " edition allows " + limits.portals() + " portals.");
        }
        metadataLock.shared(orgId);
        CrmModule module = catalog.find(orgId, request.module().trim())
                .orElseThrow(() -> ProblemException.invalid("MODULE_NOT_FOUND", "module",
                        "'" + request.module() + "' is not a module of this org"));
        String slug = SlugRules.check(request.slug(), "slug");
        int expiry = request.invitationExpiryDays() == null ? config.defaultInvitationExpiryDays()
                : request.invitationExpiryDays();
        Portal portal = newPortal(orgId, request.name().trim(), module, List.of(slug),
                request.status() == null ? Portal.Status.ACTIVE : request.status(), expiry, false, now);
        return view(portal);
    }

    /**
     * Creates a portal with its default user type on the first of {@code slugs} that is free (claimed
     * atomically, so a racing claim moves on to the next candidate); SLUG_TAKEN when none is. Events included.
     */
    Portal newPortal(String orgId, String name, CrmModule module, List<String> slugs, Portal.Status status,
            int expiryDays, boolean system, Instant now) {
        Portal portal = new Portal();
        portal.id = UUID.randomUUID();
        portal.orgId = orgId;
        portal.name = name;
        portal.module = module.name;
        portal.slug = slugs.get(0);
        portal.status = status;
        portal.invitationExpiryDays = expiryDays;
        portal.system = system;
        portal.createdAt = now;
        portal.updatedAt = now;
        portals.persist(portal);
        portals.flush();
        portal.slug = slugs.stream().filter(candidate -> this.slugs.claim(candidate, portal.id, now)).findFirst()
                .orElseThrow(() -> ConfigProblems.slugTaken(slugs.get(0)));

        UserType type = new UserType();
        type.id = UUID.randomUUID();
        type.orgId = orgId;
        type.portalId = portal.id;
        type.name = module.name + " users";
        List<ModuleAccess.FieldAccess> fields = new ArrayList<>();
        if (module.nameField != null) {
            fields.add(new ModuleAccess.FieldAccess(module.nameField, ModuleAccess.Access.READ));
        }
        if (module.emailField != null && !module.emailField.equals(module.nameField)) {
            fields.add(new ModuleAccess.FieldAccess(module.emailField, ModuleAccess.Access.READ));
        }
        type.modules = List.of(new ModuleAccess(module.name, new ModuleAccess.Permissions(true, false, false, false),
                null, fields));
        type.createdAt = now;
        type.updatedAt = now;
        userTypes.persist(type);
        portals.flush();

        events.portal(ConfigEvent.Type.PORTAL_CREATED, portal, url(portal.slug), List.of());
        events.userType(ConfigEvent.Type.USER_TYPE_CREATED, type, null);
        Log.infof("portal %s (%s) created for org %s", portal.id, portal.slug, orgId);
        return portal;
    }

    /**
     * Applies the changes under the portal's row lock (the slug rows change with it); {@code ifMatch} is
     * checked against the locked version.
     */
    @Transactional
    public PortalView update(String orgId, UUID id, PortalChanges changes, IfMatch ifMatch) {
        Instant now = Instant.now(clock);
        Portal portal = portals.lockOfOrg(orgId, id).orElseThrow(ConfigProblems::portalNotFound);
        ifMatch.check(portal.version);
        if (changes.module() != null && !changes.module().equals(portal.module)) {
            throw ProblemException.invalid("MODULE_IMMUTABLE", "module",
                    "a portal's module cannot change; create another portal");
        }
        if (changes.name() != null) {
            portal.name = changes.name().trim();
        }
        if (changes.invitationExpiryDays() != null) {
            portal.invitationExpiryDays = changes.invitationExpiryDays();
        }
        if (changes.status() != null) {
            if (changes.status() == Portal.Status.ACTIVE && portal.suspended) {
                throw ConfigProblems.editionNotSupported(
                        "The portal is suspended because the org's edition does not include portals; upgrade to enable it.");
            }
            portal.status = changes.status();
        }
        if (changes.slug() != null) {
            String slug = SlugRules.check(changes.slug(), "slug");
            if (!slug.equals(portal.slug)) {
                changeSlug(portal, slug, now);
            }
        }
        portal.updatedAt = now;
        portals.flush();
        PortalView view = view(portal);
        events.portal(ConfigEvent.Type.PORTAL_UPDATED, portal, view.url(), view.aliases());
        return view;
    }

    @Transactional
    public void delete(String orgId, UUID id) {
        Portal portal = portals.lockOfOrg(orgId, id).orElseThrow(ConfigProblems::portalNotFound);
        if (portal.system) {
            throw ProblemException.conflict("SYSTEM_PORTAL_PROTECTED",
                    "The system-defined default portal cannot be deleted; disable it instead.");
        }
        remove(portal);
    }

    /** Deletes a portal with its slugs and user types (their rows cascade); the event carries the last state. */
    void remove(Portal portal) {
        PortalView last = view(portal);
        portals.delete(portal);
        portals.flush();
        events.portal(ConfigEvent.Type.PORTAL_DELETED, portal, last.url(), last.aliases());
    }

    public ResolvedSlug resolve(String slug) {
        PortalSlug found = slugs.findByIdOptional(slug.toLowerCase(Locale.ROOT))
                .orElseThrow(ConfigProblems::slugNotFound);
        Portal portal = portals.findByIdOptional(found.portalId).orElseThrow(ConfigProblems::slugNotFound);
        return new ResolvedSlug(portal.id, portal.slug, url(portal.slug), !found.current);
    }

    public String url(String slug) {
        return "https://" + slug + "." + config.portalDomain();
    }

    PortalView view(Portal portal) {
        return new PortalView(portal, url(portal.slug),
                slugs.aliasesOf(List.of(portal.id)).getOrDefault(portal.id, List.of()));
    }

    /**
     * The new slug becomes current and the old one the newest alias; reclaiming one's own alias is allowed.
     * Beyond {@code maxAliasesPerPortal} the oldest aliases are released for anyone to take.
     */
    private void changeSlug(Portal portal, String slug, Instant now) {
        Optional<UUID> owner = slugs.ownerOf(slug);
        if (owner.isPresent() && !owner.get().equals(portal.id)) {
            throw ConfigProblems.slugTaken(slug);
        }
        slugs.demote(portal.slug, portal.id);
        if (owner.isPresent()) {
            slugs.promote(slug, portal.id);
        } else if (!slugs.claim(slug, portal.id, now)) {
            throw ConfigProblems.slugTaken(slug);
        }
        portal.slug = slug;
        int released = slugs.releaseOldAliases(portal.id, config.maxAliasesPerPortal());
        if (released > 0) {
            Log.infof("portal %s released its %d oldest slug aliases", portal.id, released);
        }
    }
}
