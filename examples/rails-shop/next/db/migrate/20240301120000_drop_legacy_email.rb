# Release 1.5 moved everyone to `email`.
class DropLegacyEmail < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_column :users, :legacy_email, :string

    # A new index for the order history page, built without blocking writes.
    add_index :orders, [:user_id, :created_at], algorithm: :concurrently
  end
end
