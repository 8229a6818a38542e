package com.supportpin.contact;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Bulk writes for {@link ContactImport}: a batch of rows costs a few round trips, not one per row. */
public interface ContactImportDao {

    /** A validated row, ready to insert. */
    record NewContact(long accountId, String name, String email, String phone, String passwordHash, String externalId) {
        @Override
        public String toString() {
            return "NewContact[accountId=" + accountId + ", email=" + email + "]";
        }
    }

    @SqlUpdate("""
            INSERT INTO account (account_number) SELECT unnest(CAST(:numbers AS text[]))
            ON CONFLICT (account_number) DO NOTHING
            """)
    void insertAccounts(@Bind("numbers") String[] accountNumbers);

    @SqlQuery("SELECT account_number, id FROM account WHERE account_number = ANY(CAST(:numbers AS text[]))")
    @KeyColumn("account_number")
    @ValueColumn("id")
    Map<String, Long> accountIds(@Bind("numbers") String[] accountNumbers);

    /** Inserts the contacts as one JDBC batch; a taken e-mail or external id inserts nothing (update count 0). */
    @SqlBatch("""
            INSERT INTO contact (account_id, name, email, phone, password_hash, external_id)
            VALUES (:accountId, :name, :email, :phone, :passwordHash, :externalId)
            ON CONFLICT DO NOTHING
            """)
    int[] insertContacts(@BindMethods List<NewContact> contacts);
}
