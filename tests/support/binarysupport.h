// SPDX-License-Identifier: MIT
// Opening a file the test knows is readable: the test stops at once, naming the file and the reason, when it is not.
#pragma once

#include "binary/openbinary.h"

#include <QtGlobal>

#include <memory>

namespace linklab::test {

inline BinaryInfo openOrDie(const QString &path)
{
    OpenResult result = openBinary(path);
    if (const auto *error = std::get_if<OpenError>(&result))
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error->message));
    return std::get<BinaryInfo>(std::move(result));
}

inline std::shared_ptr<const BinaryInfo> loadShared(const QString &path)
{
    return std::make_shared<const BinaryInfo>(openOrDie(path));
}

} // namespace linklab::test
