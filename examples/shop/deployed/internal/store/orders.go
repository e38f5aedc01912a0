package store

import "database/sql"

func MarkPaid(db *sql.DB, id int64) error {
	_, err := db.Exec(`UPDATE orders SET status = 'paid' WHERE id = $1`, id)
	return err
}
