package com.icegreen.greenmail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The patched folder finds, refuses, renames and removes child mailboxes as GreenMail's own does. */
class HierarchicalFolderTest {

    private final InMemoryStore store = new InMemoryStore();
    private final HierarchicalFolder root = (HierarchicalFolder) store.getMailbox("#mail");

    @Test
    void findsChildrenIgnoringCaseAndKeepsTheirOrder() throws Exception {
        List<String> names = IntStream.range(0, 20_000).mapToObj(i -> "User-" + i).toList();
        for (String name : names) {
            store.createMailbox(root, name, true);
        }
        assertEquals("User-12345", root.getChild("uSER-12345").getName());
        assertEquals("User-7", ((HierarchicalFolder) store.getMailbox("#mail.USER-7")).getName());
        assertNull(root.getChild("User-20000"));
        // case folds by code point, as String.equalsIgnoreCase does (a Deseret capital and its small letter)
        store.createMailbox(root, "\uD801\uDC00x", true);
        assertEquals("\uD801\uDC00x", root.getChild("\uD801\uDC28X").getName());
        assertEquals(names, root.getChildren().stream().map(HierarchicalFolder::getName).limit(names.size()).toList());
    }

    @Test
    void refusesAnExactDuplicateButNotAnotherCase() throws Exception {
        HierarchicalFolder first = (HierarchicalFolder) store.createMailbox(root, "Ann", true);
        assertThrows(IllegalStateException.class, () -> store.createMailbox(root, "Ann", true));
        HierarchicalFolder second = (HierarchicalFolder) store.createMailbox(root, "ANN", true);
        assertSame(first, root.getChild("ann"), "the first of that name, as GreenMail's scan found it");
        assertThrows(IllegalStateException.class, () -> store.createMailbox(root, "ANN", true));

        store.deleteMailbox(first);
        assertSame(second, root.getChild("ann"), "the next one of that name once the first is gone");
        store.deleteMailbox(second);
        assertNull(root.getChild("ann"));
        assertEquals(0, root.getChildren().size());
    }

    @Test
    void findsARenamedOrMovedMailboxByItsNewNameOnly() throws Exception {
        HierarchicalFolder user = (HierarchicalFolder) store.createMailbox(root, "bob", true);
        HierarchicalFolder inbox = (HierarchicalFolder) store.createMailbox(user, "INBOX", true);
        HierarchicalFolder drafts = (HierarchicalFolder) store.createMailbox(inbox, "Drafts", true);
        HierarchicalFolder archive = (HierarchicalFolder) store.createMailbox(inbox, "Archive", true);

        store.renameMailbox(drafts, "INBOX.Outbox");
        assertNull(inbox.getChild("drafts"));
        assertSame(drafts, inbox.getChild("OUTBOX"));

        store.renameMailbox(drafts, "INBOX.Archive.Old");
        assertNull(inbox.getChild("outbox"));
        assertSame(archive, inbox.getChild("archive"));
        assertSame(drafts, archive.getChild("old"));
        assertSame(archive, drafts.getParent());
        assertNotNull(store.getMailbox("#mail.bob.INBOX.Archive.Old"));
    }
}
