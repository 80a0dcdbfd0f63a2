import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one change made to jffi's classes (jffi-patched/pom.xml says why): in StubLoader's static initialiser the
 * call of String.format, in Platform's constructor the call of String.split, each sent to the same-named method of
 * com.kenai.jffi.internal.JffiWithoutRegex (same arguments, same result, no java.util.regex). Run by the build as a
 * source-file program with ASM on the class path: {@code java -cp asm.jar JffiCalls.java CLASSES_DIR}. Each class
 * must have exactly one such call (or already the changed one): classes unlike the expected ones fail the build,
 * so that a new jffi version is looked at rather than left half changed.
 */
public final class JffiCalls {
    private static final String HELPER = "com/kenai/jffi/internal/JffiWithoutRegex";

    private record Call(String className, String method, String name, String descriptor, String helperDescriptor) {
    }

    private static final Call[] CALLS = {
        new Call("com/kenai/jffi/internal/StubLoader", "<clinit>", "format",
                "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;", "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;"),
        new Call("com/kenai/jffi/Platform", "<init>", "split",
                "(Ljava/lang/String;)[Ljava/lang/String;", "(Ljava/lang/String;Ljava/lang/String;)[Ljava/lang/String;"),
    };

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        for (Call call : CALLS) {
            Path file = classes.resolve(call.className() + ".class");
            ClassReader reader = new ClassReader(Files.readAllBytes(file));
            ClassWriter writer = new ClassWriter(reader, 0);
            int[] found = new int[2];   // [0]: calls changed now, [1]: calls changed before
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
                    if (!method.equals(call.method())) return next;
                    return new MethodVisitor(Opcodes.ASM9, next) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
                            if (owner.equals("java/lang/String") && name.equals(call.name()) && desc.equals(call.descriptor())) {
                                found[0]++;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, HELPER, call.name(), call.helperDescriptor(), false);
                                return;
                            }
                            if (owner.equals(HELPER)) found[1]++;
                            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
                        }
                    };
                }
            }, 0);
            if (found[0] + found[1] != 1) {
                System.err.println(file + ": expected one String." + call.name() + " in " + call.method() + ", found "
                        + found[0] + " (and " + found[1] + " changed before): review jffi-patched/pom.xml's change");
                System.exit(1);
            }
            if (found[0] == 1) Files.write(file, writer.toByteArray());
        }
    }
}
