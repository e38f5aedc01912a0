package store

import "database/sql"

// Release 1.5 no longer reads legacy_email; the deployed release 1.4 still does, and keeps
// running against the migrated schema until the deploy has finished.
type User struct {
	ID    int64
	Email string
}

func FindUser(db *sql.DB, id int64) (User, error) {
	var u User
	err := db.QueryRow(`SELECT id, email FROM users WHERE id = $1`, id).Scan(&u.ID, &u.Email)
	return u, err
}
