// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablemodelbase.h"

#include "binary/binaryinfo.h"

#include <memory>

namespace linklab {

// A table over one BinaryInfo (its symbols, sections, ...): holds the value and resets the model when it changes.
class BinaryTableModel : public TableModelBase
{
    Q_OBJECT
public:
    using TableModelBase::TableModelBase;

    void setBinary(std::shared_ptr<const BinaryInfo> binary);
    const std::shared_ptr<const BinaryInfo> &binary() const { return m_binary; }

protected:
    // Called inside the model reset after the binary changed, for models that derive data from it.
    virtual void binaryChanged() { }

    std::shared_ptr<const BinaryInfo> m_binary;
};

} // namespace linklab
