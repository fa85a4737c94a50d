'use strict'
// The package entry: the native module (binding.js) with what napi-rs cannot express itself —
// errors as `RsmError` subclasses, variadic `notifications(...types)`, and the Symbol-named
// methods (`for await`, `await using`). Everything else is the native module unchanged.

const native = require('./binding.js')

/** The root of every OpenRSM error; `code` is the RSM number, `kind` the RSM name. */
class RsmError extends Error {}
Object.defineProperty(RsmError.prototype, 'name', { value: 'RsmError', configurable: true, writable: true })

const errorClasses = {}
const classOfKind = new Map()
for (const { kind, code, className } of native.errorKinds()) {
  const ErrorClass = { [className]: class extends RsmError {} }[className]
  for (const [key, value] of Object.entries({ name: className, kind, code })) {
    Object.defineProperty(ErrorClass.prototype, key, { value, configurable: true, writable: true })
  }
  errorClasses[className] = ErrorClass
  classOfKind.set(kind, ErrorClass)
}

// The native layer writes core errors as "KIND (code): message" (see src/errors.rs).
const CORE_ERROR = /^([A-Z_]+) \((\d+)\): /

function convert(error) {
  const match = error instanceof Error ? CORE_ERROR.exec(error.message) : null
  const ErrorClass = match && classOfKind.get(match[1])
  return ErrorClass ? new ErrorClass(error.message.slice(match[0].length)) : error
}

function rethrow(error) {
  throw convert(error)
}

function withErrors(fn) {
  return function (...args) {
    let result
    try {
      result = fn.apply(this, args)
    } catch (error) {
      throw convert(error)
    }
    return result instanceof Promise ? result.catch(rethrow) : result
  }
}

function wrapMethods(target) {
  for (const key of Object.getOwnPropertyNames(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key)
    if (key !== 'constructor' && typeof descriptor.value === 'function' && descriptor.writable) {
      Object.defineProperty(target, key, { ...descriptor, value: withErrors(descriptor.value) })
    }
  }
}

// A class is exported as a Proxy that converts the errors of its constructor and static methods,
// and is the native class otherwise (`instanceof`, prototype, statics). napi-rs makes static
// methods read-only, so the Proxy stands on a stand-in function rather than on the class itself.
function wrapClass(Class) {
  wrapMethods(Class.prototype)
  const statics = new Map()
  for (const key of Object.getOwnPropertyNames(Class)) {
    if (key !== 'prototype' && typeof Class[key] === 'function') statics.set(key, withErrors(Class[key]))
  }
  const standIn = function () {}
  standIn.prototype = Class.prototype
  Object.defineProperty(standIn, 'name', { value: Class.name })
  const proxy = new Proxy(standIn, {
    get: (_, key) => statics.get(key) ?? Reflect.get(Class, key),
    construct(_, args, newTarget) {
      try {
        return Reflect.construct(Class, args, newTarget === proxy ? Class : newTarget)
      } catch (error) {
        throw convert(error)
      }
    },
  })
  return proxy
}

const api = {}
for (const [name, value] of Object.entries(native)) {
  const isClass = typeof value === 'function' && /^[A-Z]/.test(name)
  api[name] = isClass ? wrapClass(value) : typeof value === 'function' ? withErrors(value) : value
}

const { Session, Notifications } = native
const subscribe = Session.prototype.notifications
Session.prototype.notifications = function notifications(...objectTypes) {
  return subscribe.call(this, objectTypes.flat())
}
Notifications.prototype[Symbol.asyncIterator] = function () {
  return this
}
for (const Class of [Session, Notifications]) {
  Class.prototype[Symbol.asyncDispose] = async function () {
    this.close()
  }
  Class.prototype[Symbol.dispose] = function () {
    this.close()
  }
}

module.exports = { ...api, RsmError, ...errorClasses }
