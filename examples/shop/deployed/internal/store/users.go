package store

import "database/sql"

type User struct {
	ID          int64
	Email       string
	LegacyEmail sql.NullString
}

func FindUser(db *sql.DB, id int64) (User, error) {
	var u User
	err := db.QueryRow(
		`SELECT id, email, legacy_email FROM users WHERE id = $1`, id,
	).Scan(&u.ID, &u.Email, &u.LegacyEmail)
	return u, err
}
