/** A payments schema for MariaDB/MySQL with a catalogue of known differences (asserted in mysql.test.ts). */
export type Side = "staging" | "production";

export function shopSchema(side: Side): string {
  const prod = side === "production";
  return `
CREATE TABLE customers (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(200) ${prod ? "COLLATE utf8mb4_bin" : ""} NOT NULL,
  name varchar(100) ${prod ? "NOT NULL" : "NULL"}
  ${prod ? ", UNIQUE KEY customers_email_uq (email)" : ""}
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE accounts (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id int NOT NULL,
  currency char(3) NOT NULL DEFAULT '${prod ? "USD" : "EUR"}',
  balance decimal(12,2) NOT NULL DEFAULT 0.00,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NULL DEFAULT NULL ${prod ? "ON UPDATE current_timestamp()" : ""},
  ${prod ? "closed_at datetime NULL," : ""}
  CONSTRAINT accounts_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE ${prod ? "RESTRICT" : "CASCADE"}
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE transactions (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id int NOT NULL,
  amount decimal(${prod ? "12" : "10"},2) NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending',
  note text,
  created_at datetime NOT NULL DEFAULT current_timestamp(),
  KEY transactions_account_idx (account_id, created_at),
  KEY transactions_note_idx (note(${prod ? "20" : "10"})),
  ${prod ? "KEY transactions_pending_idx (status, created_at)," : ""}
  ${prod ? "CONSTRAINT transactions_amount_nonzero CHECK (amount <> 0)," : ""}
  CONSTRAINT transactions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE audit_log (id int PRIMARY KEY, entry text) ENGINE=${prod ? "InnoDB" : "MyISAM"};
CREATE TABLE notes (id int PRIMARY KEY, body text) DEFAULT CHARSET=${prod ? "utf8mb4" : "latin1"};
${prod ? "CREATE TABLE refunds (id int PRIMARY KEY, transaction_id bigint NOT NULL, KEY (transaction_id));" : ""}
CREATE VIEW daily_volume AS SELECT date(created_at) AS day, sum(amount) AS total FROM transactions ${prod ? "WHERE status = 'settled'" : ""} GROUP BY date(created_at);
CREATE FUNCTION fee(amount decimal(12,2)) RETURNS decimal(12,2) DETERMINISTIC RETURN round(amount * ${prod ? "0.029" : "0.03"}, 2);
${prod ? "CREATE PROCEDURE archive(before_day date) DELETE FROM transactions WHERE created_at < before_day;" : ""}
${prod ? "CREATE TRIGGER transactions_touch BEFORE UPDATE ON transactions FOR EACH ROW SET NEW.created_at = NEW.created_at;" : ""}
`;
}

/** The staging schema written in another order, with other spellings (int(11), INTEGER, CURRENT_TIMESTAMP). */
export function shopSchemaReordered(): string {
  return `
CREATE TABLE notes (body text, id INTEGER PRIMARY KEY) DEFAULT CHARSET=latin1;
CREATE TABLE audit_log (entry text, id int(11) PRIMARY KEY) ENGINE=MyISAM;
CREATE TABLE customers (
  name varchar(100) NULL,
  email varchar(200) NOT NULL,
  id int(11) NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 ENGINE=InnoDB;
CREATE TABLE accounts (
  updated_at timestamp NULL DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  balance decimal(12,2) NOT NULL DEFAULT '0.00',
  currency char(3) NOT NULL DEFAULT 'EUR',
  customer_id int NOT NULL,
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE accounts ADD CONSTRAINT accounts_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;
CREATE TABLE transactions (
  note text,
  created_at datetime NOT NULL DEFAULT now(),
  status varchar(20) NOT NULL DEFAULT 'pending',
  amount decimal(10,2) NOT NULL,
  account_id int NOT NULL,
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  KEY transactions_note_idx (note(10)),
  KEY transactions_account_idx (account_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE transactions ADD CONSTRAINT transactions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
CREATE FUNCTION fee(amount decimal(12,2)) RETURNS decimal(12,2) DETERMINISTIC RETURN round(amount * 0.03, 2);
CREATE VIEW daily_volume AS SELECT date(created_at) AS day, sum(amount) AS total FROM transactions GROUP BY date(created_at);
`;
}
