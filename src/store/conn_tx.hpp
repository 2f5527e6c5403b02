// The WriteTx over one engine connection: both stores' connections expose
// Run(sql, params, changes*), and this adapter is all a transaction needs from them.
// Not thread-safe; lives for one Read/Write call.
#pragma once

#include "store/store.hpp"

namespace satupintu::store {

template <typename Conn>
class ConnTx final : public WriteTx {
  public:
    explicit ConnTx(Conn& c) : c_(c) {}

  protected:
    Result<Rows> Run(std::string_view sql, std::span<const Value> params) override {
        return c_.Run(sql, params, nullptr);
    }
    Result<int64_t> RunExec(std::string_view sql, std::span<const Value> params) override {
        int64_t changes = 0;
        auto rows = c_.Run(sql, params, &changes);
        if (!rows) return rows.error();
        return changes;
    }
    Status RunPut(std::string_view sql, std::span<const Value> params) override {
        if constexpr (requires { c_.Put(sql, params); }) {
            return c_.Put(sql, params);
        } else {
            return RunExec(sql, params).status();
        }
    }

  private:
    Conn& c_;
};

}  // namespace satupintu::store
