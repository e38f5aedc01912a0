class User < ApplicationRecord
  self.ignored_columns += ["legacy_email"]
  has_many :orders
end
