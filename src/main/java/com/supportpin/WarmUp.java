package com.supportpin;

import com.supportpin.contact.ContactDao;
import com.supportpin.pin.AuditDao;
import com.supportpin.pin.PinDao;
import com.supportpin.pin.PinGuardDao;
import com.supportpin.store.Database;
import com.supportpin.voice.CallDao;
import com.supportpin.voice.Prompting;
import com.supportpin.voice.QueueRouting;
import com.supportpin.voice.UnverifiedReason;
import com.supportpin.web.SessionDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the SQL objects and TwiML writer before the first caller, whose webhook would otherwise pay for class loading. */
final class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {}

    static void run(Database database, Prompting prompting, QueueRouting routing) {
        prompting.askAccount().toXml();
        routing.unverified(UnverifiedReason.UNAVAILABLE, "warm-up").toXml();
        try {
            database.jdbi().useTransaction(handle -> {
                handle.attach(CallDao.class).find("warm-up");
                handle.attach(PinDao.class);
                handle.attach(PinGuardDao.class);
                handle.attach(AuditDao.class);
                handle.attach(ContactDao.class);
                handle.attach(SessionDao.class);
                handle.rollback();
            });
        } catch (RuntimeException e) {
            log.info("database not reachable yet; serving anyway, /health reports it");
        }
    }
}
