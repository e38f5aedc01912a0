class Order < ApplicationRecord
  belongs_to :user
end
