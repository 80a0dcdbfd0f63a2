package org.rait.netlink;

/** Numbers from linux/netlink.h, linux/rtnetlink.h and linux/if_link.h that this package speaks. */
final class Nl {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int NETLINK_GENERIC = 16;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_RCVBUFFORCE = 33;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    /** On NLMSG_ERROR: the echoed request was cut to its header / TLVs follow. */
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;

    static final int NLA_F_NESTED = 0x8000;
    static final int NLA_F_NET_BYTEORDER = 0x4000;
    static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;

    static final int IFINFOMSG_LEN = 16;
    static final int IFF_UP = 0x1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_MASTER = 10;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_GROUP = 27;
    static final int IFLA_NET_NS_FD = 28;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_VRF_TABLE = 1;
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;

    static final int IFADDRMSG_LEN = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_F_NODAD = 0x02;

    static final int GENL_ID_CTRL = 0x10;
    static final int GENLMSG_HDRLEN = 4;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;

    private Nl() {
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }
}
