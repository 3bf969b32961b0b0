package dev.portico.config.service;

import dev.portico.config.config.ConfigServiceConfig;
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
import dev.portico.config.rest.PortalPatch;
import dev.portico.config.rest.PortalRequest;
import dev.portico.config.rest.PortalUrlResponse;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    public PortalView create(String orgId, PortalRequest request) {
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
        CrmModule module = catalog.find(orgId, request.module().trim())
                .orElseThrow(() -> ProblemException.invalid("MODULE_NOT_FOUND", "module",
                        "'" + request.module() + "' is not a module of this org"));
        String slug = SlugRules.check(request.slug(), "slug");
        int expiry = request.invitationExpiryDays() == null ? config.defaultInvitationExpiryDays()
                : request.invitationExpiryDays();
        Portal portal = newPortal(orgId, request.name().trim(), module, slug,
                request.status() == null ? Portal.Status.ACTIVE : request.status(), expiry, false, now);
        return view(portal);
    }

    /** Creates a portal with its default user type, claiming its slug; events included. */
    Portal newPortal(String orgId, String name, CrmModule module, String slug, Portal.Status status, int expiryDays,
            boolean system, Instant now) {
        Portal portal = new Portal();
        portal.id = UUID.randomUUID();
        portal.orgId = orgId;
        portal.name = name;
        portal.module = module.name;
        portal.slug = slug;
        portal.status = status;
        portal.invitationExpiryDays = expiryDays;
        portal.system = system;
        portal.createdAt = now;
        portal.updatedAt = now;
        portals.persist(portal);
        claimSlug(portal, slug, now);

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

        events.portal(ConfigEvent.Type.PORTAL_CREATED, portal, url(slug), List.of());
        events.userType(ConfigEvent.Type.USER_TYPE_CREATED, type, null);
        Log.infof("portal %s (%s) created for org %s", portal.id, slug, orgId);
        return portal;
    }

    @Transactional
    public PortalView update(String orgId, UUID id, PortalPatch patch) {
        Instant now = Instant.now(clock);
        Portal portal = portals.lockOfOrg(orgId, id).orElseThrow(ConfigProblems::portalNotFound);
        if (patch.module() != null && !patch.module().equals(portal.module)) {
            throw ProblemException.invalid("MODULE_IMMUTABLE", "module",
                    "a portal's module cannot change; create another portal");
        }
        if (patch.name() != null) {
            portal.name = patch.name().trim();
        }
        if (patch.invitationExpiryDays() != null) {
            portal.invitationExpiryDays = patch.invitationExpiryDays();
        }
        if (patch.status() != null) {
            if (patch.status() == Portal.Status.ACTIVE && portal.suspended) {
                throw ConfigProblems.editionNotSupported(
                        "The portal is suspended because the org's edition does not include portals; upgrade to enable it.");
            }
            portal.status = patch.status();
        }
        if (patch.slug() != null) {
            String slug = SlugRules.check(patch.slug(), "slug");
            if (!slug.equals(portal.slug)) {
                changeSlug(portal, slug, now);
            }
        }
        portal.updatedAt = now;
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
        events.portal(ConfigEvent.Type.PORTAL_DELETED, portal, last.url(), last.aliases());
    }

    public PortalUrlResponse resolve(String slug) {
        PortalSlug found = slugs.findByIdOptional(slug.toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(ConfigProblems::slugNotFound);
        Portal portal = portals.findByIdOptional(found.portalId).orElseThrow(ConfigProblems::slugNotFound);
        return new PortalUrlResponse(portal.id, portal.slug, url(portal.slug), !found.current);
    }

    public String url(String slug) {
        return "https://" + slug + "." + config.portalDomain();
    }

    PortalView view(Portal portal) {
        return new PortalView(portal, url(portal.slug),
                slugs.aliasesOf(List.of(portal.id)).getOrDefault(portal.id, List.of()));
    }

    /** The new slug becomes current; the old one stays as an alias. Reclaiming one's own alias is allowed. */
    private void changeSlug(Portal portal, String slug, Instant now) {
        PortalSlug existing = slugs.findById(slug);
        if (existing != null && !existing.portalId.equals(portal.id)) {
            throw ConfigProblems.slugTaken(slug);
        }
        PortalSlug old = slugs.findById(portal.slug);
        if (old != null) {
            old.current = false;
        }
        if (existing != null) {
            existing.current = true;
        } else {
            claimSlug(portal, slug, now);
        }
        portal.slug = slug;
    }

    private void claimSlug(Portal portal, String slug, Instant now) {
        if (slugs.findByIdOptional(slug).isPresent()) {
            throw ConfigProblems.slugTaken(slug);
        }
        PortalSlug claim = new PortalSlug();
        claim.slug = slug;
        claim.portalId = portal.id;
        claim.current = true;
        claim.createdAt = now;
        try {
            slugs.persist(claim);
            slugs.flush();
        } catch (PersistenceException raced) {
            throw ConfigProblems.slugTaken(slug);
        }
    }

    boolean slugFree(String slug) {
        return slugs.findByIdOptional(slug).isEmpty();
    }
}
